// Writes the result of one DuckDB query as a Parquet file: the way tests get files exactly as DuckDB writes them.
// Usage: node copy.mjs OUT.parquet "SELECT ..." ["COPY options, e.g. COMPRESSION zstd, ROW_GROUP_SIZE 100"]
import { DuckDBInstance } from '@duckdb/node-api';

const [out, query, options] = process.argv.slice(2);
if (!out || !query) { console.error('usage: node copy.mjs OUT.parquet "SELECT ..." ["COPY options"]'); process.exit(2); }
const connection = await (await DuckDBInstance.create(':memory:')).connect();
await connection.run("SET TimeZone = 'UTC'");
await connection.run(`COPY (${query}) TO '${out.replaceAll("'", "''")}' (FORMAT parquet${options ? `, ${options}` : ''})`);
