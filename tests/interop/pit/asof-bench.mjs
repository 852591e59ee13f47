// DuckDB side of the point-in-time benchmark (benchmarks/FeatureStore.Benchmarks `pit`): the same training set as the engine,
// as three ASOF LEFT JOINs with the TTLs applied, in spine order, written to Parquet. Prints one RESULT line with the wall
// time and this process's peak RSS. ASOF JOIN breaks event-time ties arbitrarily (not by created time); the benchmark's
// random microsecond timestamps make such ties negligible.
// Usage: node asof-bench.mjs DIR OUT.parquet [ENGINE_OUT.parquet]
import { DuckDBInstance } from '@duckdb/node-api';

const [dir, out, engineOut] = process.argv.slice(2);
const file = (name) => `read_parquet('${dir}/${name}'${name === 'spine.parquet' ? ', file_row_number = true' : ''})`;
const started = performance.now();
const connection = await (await DuckDBInstance.create(':memory:')).connect();
await connection.run("SET TimeZone = 'UTC'");
await connection.run(`COPY (
  SELECT s.driver_id, s.event_timestamp, s.label,
    CASE WHEN h.event_ts >= s.event_timestamp - INTERVAL 2 DAY THEN h.conv_rate END AS conv_rate,
    CASE WHEN h.event_ts >= s.event_timestamp - INTERVAL 2 DAY THEN h.acc_rate END AS acc_rate,
    CASE WHEN h.event_ts >= s.event_timestamp - INTERVAL 2 DAY THEN h.trips END AS trips,
    CASE WHEN d.event_ts >= s.event_timestamp - INTERVAL 7 DAY THEN d.rating END AS rating,
    CASE WHEN d.event_ts >= s.event_timestamp - INTERVAL 7 DAY THEN d.earnings END AS earnings,
    p.city, p.active
  FROM ${file('spine.parquet')} s
  ASOF LEFT JOIN ${file('hourly.parquet')} h ON s.driver_id = h.driver_id AND s.event_timestamp >= h.event_ts
  ASOF LEFT JOIN ${file('daily.parquet')} d ON s.driver_id = d.driver_id AND s.event_timestamp >= d.event_ts
  ASOF LEFT JOIN ${file('profile.parquet')} p ON s.driver_id = p.driver_id AND s.event_timestamp >= p.event_ts
  ORDER BY s.file_row_number
) TO '${out}' (FORMAT parquet)`);
const wall = (performance.now() - started) / 1000;
const rss = process.resourceUsage().maxRSS;
const usage = process.cpuUsage();
const cpu = (usage.user + usage.system) / 1e6;
const threads = (await connection.runAndReadAll('SELECT current_setting(\'threads\')')).getRowsJS()[0][0];
const count = async (path) => (await connection.runAndReadAll(`SELECT count(conv_rate), count(rating), count(city) FROM read_parquet('${path}')`)).getRowsJS()[0].map(Number).join('/');
const check = engineOut ? ` engine_present=${await count(engineOut)}` : '';
console.log(`RESULT wall=${wall.toFixed(3)} cpu=${cpu.toFixed(3)} rss_kb=${rss} threads=${threads} duckdb_present=${await count(out)}${check}`);
