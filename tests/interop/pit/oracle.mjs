// Point-in-time join oracle for the offline engine's tests: the contract written as plain SQL and run by DuckDB.
// For each spine row and view, every candidate row (same key, event_ts <= t, and created_ts <= t in as-known-at mode)
// is ranked by ROW_NUMBER() over (event_ts desc, created_ts desc, seq desc); rank 1 wins. ASOF JOIN is not used here
// because it does not break event-time ties by created time.
// Usage: node oracle.mjs SPEC.json   (SPEC: see tests/FeatureStore.Offline.Tests/Oracle/OracleSpec.cs); writes SPEC.out
import { readFileSync, writeFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const spec = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const q = (name) => `"${name.replaceAll('"', '""')}"`;
const lit = (text) => `'${text.replaceAll("'", "''")}'`;
const micros = (e) => `epoch_us(CAST(${e} AS TIMESTAMP))`;

const connection = await (await DuckDBInstance.create(':memory:')).connect();
await connection.run("SET TimeZone = 'UTC'");

async function typesOf(relation) {
  const described = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${relation}`);
  return Object.fromEntries(described.getRowObjectsJS().map((r) => [r.column_name, r.column_type]));
}

function valueExpression(e, type) {
  if (type.startsWith('TIMESTAMP')) return `CAST(${micros(e)} AS VARCHAR)`;
  if (/INT/.test(type)) return `CAST(${e} AS VARCHAR)`;
  if (type === 'FLOAT' || type === 'DOUBLE') return `CAST(${e} AS DOUBLE)`;
  if (type === 'BLOB') return `lower(hex(${e}))`;
  return e;
}

const spine = `read_parquet(${lit(spec.spine)})`;
const result = new Map();
const rowIds = (await connection.runAndReadAll(`SELECT CAST(${q(spec.row_id)} AS VARCHAR) FROM ${spine}`)).getRowsJS().map((r) => r[0]);
for (const id of rowIds) result.set(id, { row_id: id, values: {}, statuses: {} });

for (const view of spec.views) {
  const source = `read_parquet(${lit(view.path)}, hive_partitioning = ${view.hive ? 'true' : 'false'})`;
  const types = await typesOf(source);
  const keyJoin = view.keys.map((k) => `s.${q(k)} = f.${q(k)}`).join(' AND ');
  const created = view.created ? `COALESCE(${micros(q(view.created))}, ${micros(q(view.event))})` : micros(q(view.event));
  const ttl = view.ttl_us === null ? 'FALSE' : `c.e < s.t - ${view.ttl_us}`;
  const features = view.features.map((feature, i) => ({ ...feature, alias: `v${i}` }));
  const sql = `
    WITH s AS (SELECT CAST(${q(spec.row_id)} AS VARCHAR) AS row_id, ${view.keys.map(q).join(', ')}, ${micros(q(spec.timestamp))} AS t FROM ${spine}),
    f AS (SELECT ${view.keys.map(q).join(', ')}, ${micros(q(view.event))} AS e, ${created} AS c, ${q(view.seq)} AS seq,
                 ${features.map((x) => `${q(x.source)} AS ${x.alias}`).join(', ')} FROM ${source} WHERE ${q(view.event)} IS NOT NULL),
    ranked AS (SELECT s.row_id, f.*, ROW_NUMBER() OVER (PARTITION BY s.row_id ORDER BY f.e DESC, f.c DESC, f.seq DESC) AS rank
               FROM s JOIN f ON ${keyJoin} AND f.e <= s.t ${view.as_of ? 'AND f.c <= s.t' : ''}),
    c AS (SELECT * FROM ranked WHERE rank = 1)
    SELECT s.row_id,
      ${features.map((x) => `CASE WHEN c.row_id IS NULL THEN 'MISSING' WHEN ${ttl} THEN 'OUTSIDE_TTL' WHEN c.${x.alias} IS NULL THEN 'NULL_VALUE' ELSE 'PRESENT' END AS ${x.alias}_status,
         CASE WHEN c.row_id IS NOT NULL AND NOT (${ttl}) THEN ${valueExpression(`c.${x.alias}`, types[x.source])} END AS ${x.alias}_value`).join(',\n')}
    FROM s LEFT JOIN c ON c.row_id = s.row_id`;
  const rows = (await connection.runAndReadAll(sql)).getRowObjectsJS();
  for (const row of rows) {
    const target = result.get(row.row_id);
    for (const x of features) {
      target.values[x.output] = row[`${x.alias}_value`];
      target.statuses[x.output] = row[`${x.alias}_status`];
    }
  }
}

writeFileSync(`${process.argv[2]}.out`, JSON.stringify([...result.values()]));
