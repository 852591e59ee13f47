// Prints the canonical JSON (lib/canonical.mjs) of an Arrow IPC file (file or stream format) as apache-arrow (JS) reads it,
// with each column's Arrow type as apache-arrow names it (e.g. "Timestamp<MICROSECOND, UTC>", "Dictionary<Int8, Utf8>").
// Usage: node arrow-ipc-read.mjs FILE [--out OUT.json]   (stdout without --out)
// apache-arrow 21 has no zstd or LZ4 codec of its own: a compressed file fails unless one is registered (compressionRegistry).
import { readFileSync, writeFileSync } from 'node:fs';
import { tableFromIPC } from 'apache-arrow';
import { canonicalFromArrow } from './lib/arrow-canonical.mjs';
import { toJson } from './lib/canonical.mjs';

const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const out = outIndex >= 0 ? args.splice(outIndex, 2)[1] : undefined;
if (args.length !== 1) {
  console.error('usage: node arrow-ipc-read.mjs FILE [--out OUT.json]');
  process.exit(2);
}

const json = toJson(canonicalFromArrow(tableFromIPC(readFileSync(args[0]))));
if (out) writeFileSync(out, json);
else process.stdout.write(json);
