// DuckDB side of the Parquet codec benchmark (benchmarks/FeatureStore.Benchmarks `parquet`): builds the feature table in
// memory (int64 key, timestamp, five doubles, a string, list<float> of 8), then times only
//   write: COPY t TO file (FORMAT parquet, COMPRESSION snappy)
//   read:  CREATE TABLE r AS SELECT * FROM read_parquet(file)   (a full decode into DuckDB memory)
// and, with --also FILE, the same full read of another file (the C# writer's). Prints one JSON object with wall and
// CPU seconds (CPU time is steadier than wall time on a shared machine).
// Usage: node bench.mjs --rows N --dir DIR [--also FILE]
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

const args = process.argv.slice(2);
const option = (name, fallback) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : fallback; };
const rows = Number(option('--rows', '10000000'));
const dir = option('--dir');
const also = option('--also');
if (!dir || !(rows > 0)) { console.error('usage: node bench.mjs --rows N --dir DIR [--also FILE]'); process.exit(2); }

const connection = await (await DuckDBInstance.create(':memory:')).connect();
const threads = (await connection.runAndReadAll("SELECT current_setting('threads')")).getRows()[0][0];
// Same shapes as the C# side: sequential keys, increasing microsecond timestamps, uniform doubles, 100k distinct strings.
await connection.run(`CREATE TABLE t AS SELECT
    i::BIGINT AS entity_id,
    make_timestamp(1700000000000000 + i * 1000 + (hash(i) % 1000)::BIGINT) AS event_ts,
    (hash(i * 5 + 1) % 1000000)::DOUBLE / 1000000 AS f1, (hash(i * 5 + 2) % 1000000)::DOUBLE / 1000000 AS f2,
    (hash(i * 5 + 3) % 1000000)::DOUBLE / 1000000 AS f3, (hash(i * 5 + 4) % 1000000)::DOUBLE / 1000000 AS f4,
    (hash(i * 5 + 5) % 1000000)::DOUBLE / 1000000 AS f5,
    'user_' || (i % 100000)::VARCHAR AS segment,
    [((hash(i * 8 + 0) % 1000) / 1000.0)::FLOAT, ((hash(i * 8 + 1) % 1000) / 1000.0)::FLOAT, ((hash(i * 8 + 2) % 1000) / 1000.0)::FLOAT,
     ((hash(i * 8 + 3) % 1000) / 1000.0)::FLOAT, ((hash(i * 8 + 4) % 1000) / 1000.0)::FLOAT, ((hash(i * 8 + 5) % 1000) / 1000.0)::FLOAT,
     ((hash(i * 8 + 6) % 1000) / 1000.0)::FLOAT, ((hash(i * 8 + 7) % 1000) / 1000.0)::FLOAT] AS embedding
  FROM range(${rows}) r(i)`);

// Wall seconds and CPU seconds (user + system of this process, DuckDB's threads included) of one statement.
async function timed(sql) {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  await connection.run(sql);
  const used = process.cpuUsage(cpu);
  return [Number(process.hrtime.bigint() - start) / 1e9, (used.user + used.system) / 1e6];
}

const file = join(dir, 'duckdb.parquet');
const [writeSeconds, writeCpuSeconds] = await timed(`COPY t TO '${file}' (FORMAT parquet, COMPRESSION snappy)`);
const [readSeconds, readCpuSeconds] = await timed(`CREATE TABLE r AS SELECT * FROM read_parquet('${file}')`);
const count = (await connection.runAndReadAll('SELECT count(*) FROM r')).getRows()[0][0];
if (Number(count) !== rows) throw new Error(`DuckDB read ${count} rows, expected ${rows}`);
const result = { rows, threads: Number(threads), writeSeconds, writeCpuSeconds, readSeconds, readCpuSeconds, fileBytes: statSync(file).size };
if (also) {
  [result.alsoReadSeconds] = await timed(`CREATE TABLE r2 AS SELECT * FROM read_parquet('${also}')`);
}
console.log(JSON.stringify(result));
