// DuckDB side of the pit-matrix benchmark (benchmarks/FeatureStore.Benchmarks `pit-matrix`): the engine's training set
// with the engine's semantics (docs/point-in-time.md): per view the latest row with event_ts <= t, event-time ties won by
// the greatest created_ts, the TTL applied to the winner (inside when event_ts >= t - ttl), one row per spine row in spine
// order, written to Parquet. ASOF JOIN takes one inequality, so for a view with created timestamps SPEC.ties picks how
// created time breaks event-time ties: "packed" joins on (event_us, created_us) packed into one ordered HUGEINT (the
// greatest packed value <= (t, max) is the latest event, ties to the latest created); "window" first keeps the latest
// created row per (key, event) with QUALIFY row_number(). Both give the engine's answer; they differ in cost. Ties on both
// timestamps (left to file order by the engine) do not occur in the benchmark's data.
// Usage: node matrix-duckdb.mjs SPEC.json OUT.parquet
//   SPEC: {spine, key, timestamp, threads, ties, views: [{path, event, created|null, ttl_us|null, features: [...]}]}
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const spec = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const out = process.argv[3];
const q = (name) => `"${name.replaceAll('"', '""')}"`;
const lit = (text) => `'${text.replaceAll("'", "''")}'`;
const high = '18446744073709551616::HUGEINT'; // 2^64: the event part of a packed key
const packed = (event, created) => `(epoch_us(${event})::HUGEINT * ${high} + epoch_us(${created})::HUGEINT + 9223372036854775808::HUGEINT)`;

if (!['packed', 'window'].includes(spec.ties)) throw new Error(`${process.argv[2]}: ties must be "packed" or "window", not ${spec.ties}`);
const started = performance.now();
const instance = await DuckDBInstance.create(':memory:', { threads: String(spec.threads) });
const connection = await instance.connect();
await connection.run("SET TimeZone = 'UTC'");

const key = q(spec.key);
const t = `s.${q(spec.timestamp)}`;
const joins = [];
const columns = [];
spec.views.forEach((view, i) => {
  const v = `v${i}`;
  const event = q(view.event);
  const created = view.created && `COALESCE(${q(view.created)}, ${event})`;
  const byPacked = created && spec.ties === 'packed';
  const order = byPacked ? `, ${packed(event, created)} AS __k` : '';
  const latestCreated = created && !byPacked ? ` QUALIFY row_number() OVER (PARTITION BY ${key}, ${event} ORDER BY ${created} DESC) = 1` : '';
  const features = view.features.map(q).join(', ');
  joins.push(`ASOF LEFT JOIN (SELECT ${key}, ${event} AS __e${order}, ${features} FROM read_parquet(${lit(view.path)})${latestCreated}) ${v}
    ON s.${key} = ${v}.${key} AND ${byPacked ? `s.__t >= ${v}.__k` : `${t} >= ${v}.__e`}`);
  for (const feature of view.features) {
    columns.push(view.ttl_us === null
      ? `${v}.${q(feature)}`
      : `CASE WHEN ${v}.__e >= ${t} - to_microseconds(${view.ttl_us}) THEN ${v}.${q(feature)} END AS ${q(feature)}`);
  }
});

const spine = `(SELECT *, epoch_us(${q(spec.timestamp)})::HUGEINT * ${high} + (${high} - 1) AS __t
  FROM read_parquet(${lit(spec.spine)}, file_row_number = true)) s`;
await connection.run(`COPY (
  SELECT s.* EXCLUDE (file_row_number, __t), ${columns.join(',\n    ')}
  FROM ${spine}
  ${joins.join('\n  ')}
  ORDER BY s.file_row_number
) TO ${lit(out)} (FORMAT parquet)`);
const threads = (await connection.runAndReadAll("SELECT current_setting('threads')")).getRowsJS()[0][0];
console.log(`duckdb: wrote ${out} in ${((performance.now() - started) / 1000).toFixed(3)} s on ${threads} threads (ties: ${spec.ties})`);
