// Prints the canonical JSON (lib/canonical.mjs) of a Parquet file as read by DuckDB (default) or parquet-wasm.
// Usage: node read.mjs [--engine duckdb|wasm] FILE            -> canonical JSON on stdout
//        node read.mjs [--engine duckdb|wasm] --out-dir DIR FILE...  -> DIR/<file name>.<engine>.json per file
// A file the engine cannot read yields {"error": "..."} (stdout or its .json), so one bad file does not hide the others.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { canonicalFromDuckDb } from './lib/duckdb-canonical.mjs';
import { canonicalFromArrow } from './lib/arrow-canonical.mjs';
import { toJson } from './lib/canonical.mjs';
import { readWithWasm } from './lib/wasm.mjs';

const args = process.argv.slice(2);
const option = (name) => { const i = args.indexOf(name); if (i < 0) return undefined; const v = args[i + 1]; args.splice(i, 2); return v; };
const engine = option('--engine') ?? 'duckdb';
const outDir = option('--out-dir');
if (args.length === 0 || !['duckdb', 'wasm'].includes(engine) || (!outDir && args.length > 1)) {
  console.error('usage: node read.mjs [--engine duckdb|wasm] [--out-dir DIR] FILE...');
  process.exit(2);
}

const connection = engine === 'duckdb' ? await (await DuckDBInstance.create(':memory:')).connect() : null;
async function canonical(file) {
  try {
    if (connection) return await canonicalFromDuckDb(connection, `read_parquet('${file.replaceAll("'", "''")}')`);
    return canonicalFromArrow(readWithWasm(readFileSync(file)));
  } catch (e) {
    return { error: String(e.message ?? e).split('\n')[0] };
  }
}

for (const file of args) {
  const json = toJson(await canonical(file));
  if (outDir) writeFileSync(join(outDir, `${basename(file)}.${engine}.json`), json);
  else process.stdout.write(json);
}
