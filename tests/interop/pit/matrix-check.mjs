// Cross-check of the pit-matrix benchmark's two training sets, read by DuckDB: columns in order, row counts, non-null
// counts per column, and per column the number of rows that differ when both files are lined up row by row (POSITIONAL
// JOIN, so a different row order counts too). Prints one JSON object; benchmarks/FeatureStore.Benchmarks/PitMatrixCheck.cs
// judges it.
// Usage: node matrix-check.mjs ENGINE.parquet DUCKDB.parquet
import { DuckDBInstance } from '@duckdb/node-api';

const [enginePath, duckPath] = process.argv.slice(2);
const q = (name) => `"${name.replaceAll('"', '""')}"`;
const lit = (text) => `'${text.replaceAll("'", "''")}'`;
const connection = await (await DuckDBInstance.create(':memory:')).connect();
await connection.run("SET TimeZone = 'UTC'");

async function side(path) {
  const relation = `read_parquet(${lit(path)})`;
  const columns = (await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${relation}`)).getRowObjectsJS().map((r) => r.column_name);
  const counts = (await connection.runAndReadAll(`SELECT count(*), ${columns.map((c) => `count(${q(c)})`).join(', ')} FROM ${relation}`)).getRowsJS()[0].map(Number);
  return { columns, rows: counts[0], non_null: Object.fromEntries(columns.map((c, i) => [c, counts[i + 1]])) };
}

const engine = await side(enginePath);
const duckdb = await side(duckPath);
const shared = engine.columns.filter((c) => duckdb.columns.includes(c));
let differing = {};
if (engine.rows === duckdb.rows && shared.length > 0) {
  const counts = (await connection.runAndReadAll(`SELECT ${shared.map((c) => `count(*) FILTER (WHERE e.${q(c)} IS DISTINCT FROM d.${q(c)})`).join(', ')}
    FROM read_parquet(${lit(enginePath)}) e POSITIONAL JOIN read_parquet(${lit(duckPath)}) d`)).getRowsJS()[0].map(Number);
  differing = Object.fromEntries(shared.map((c, i) => [c, counts[i]]));
}
console.log(JSON.stringify({ engine, duckdb, differing }));
