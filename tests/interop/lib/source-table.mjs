// The test table every generated file is written from: one nullable (n_*) and one NOT NULL (r_*) column per type.
// Values are deterministic (hash of the row number) and include each type's edge values in the first rows.

export const ROWS = 4200;

// [suffix, DuckDB type, SQL value expression over i (row number) and h (its 64-bit hash)]
const VALUE_COLUMNS = [
  ['bool', 'BOOLEAN', `h % 3 = 0`],
  ['i8', 'TINYINT', `CASE i WHEN 1 THEN -128 WHEN 2 THEN 127 ELSE (h % 256)::INTEGER - 128 END`],
  ['i16', 'SMALLINT', `CASE i WHEN 1 THEN -32768 WHEN 2 THEN 32767 ELSE (h % 65536)::INTEGER - 32768 END`],
  ['i32', 'INTEGER', `CASE i WHEN 1 THEN -2147483648 WHEN 2 THEN 2147483647 ELSE (h % 4294967296)::BIGINT - 2147483648 END`],
  ['i64', 'BIGINT', `CASE i WHEN 1 THEN -9223372036854775808 WHEN 2 THEN 9223372036854775807 ELSE (h::HUGEINT - 9223372036854775808)::BIGINT END`],
  ['u8', 'UTINYINT', `CASE i WHEN 2 THEN 255 ELSE h % 256 END`],
  ['u16', 'USMALLINT', `CASE i WHEN 2 THEN 65535 ELSE h % 65536 END`],
  ['u32', 'UINTEGER', `CASE i WHEN 2 THEN 4294967295 ELSE h % 4294967296 END`],
  ['u64', 'UBIGINT', `CASE i WHEN 2 THEN 18446744073709551615 ELSE h END`],
  ['f32', 'FLOAT', `CASE i WHEN 1 THEN 'NaN'::FLOAT WHEN 2 THEN 'inf'::FLOAT WHEN 3 THEN '-inf'::FLOAT WHEN 4 THEN 1.4e-45::FLOAT WHEN 5 THEN 3.4028235e38::FLOAT ELSE ((h % 2000001)::DOUBLE - 1000000) / 1024 END`],
  ['f64', 'DOUBLE', `CASE i WHEN 1 THEN 'NaN'::DOUBLE WHEN 2 THEN 'inf'::DOUBLE WHEN 3 THEN '-inf'::DOUBLE WHEN 4 THEN 5e-324 WHEN 5 THEN 1.7976931348623157e308 ELSE ((h % 20000001)::DOUBLE - 10000000) / 3.0 END`],
  ['str', 'VARCHAR', `CASE i WHEN 1 THEN '' WHEN 2 THEN 'héllo ✓ 😀 "quoted", comma' WHEN 3 THEN repeat('long', 300) ELSE 'v' || (h % 40)::VARCHAR END`],
  ['bin', 'BLOB', `CASE i WHEN 1 THEN ''::BLOB WHEN 2 THEN '\\x00\\xFF\\x80'::BLOB ELSE ('b' || (h % 30)::VARCHAR)::BLOB END`],
  ['date', 'DATE', `CASE i WHEN 1 THEN DATE '1900-01-01' WHEN 2 THEN DATE '2099-12-31' ELSE DATE '1970-01-01' + ((h % 40000)::INTEGER - 10000) END`],
  ['time', 'TIME', `CASE i WHEN 1 THEN TIME '00:00:00' WHEN 2 THEN TIME '23:59:59.999999' ELSE TIME '00:00:00' + to_microseconds((h % 86400000000)::BIGINT) END`],
  ['ts', 'TIMESTAMP', `TIMESTAMP '1950-01-01' + to_microseconds((h % 3155760000000000)::BIGINT)`],
  ['ts_ms', 'TIMESTAMP_MS', `(TIMESTAMP '1950-01-01' + to_milliseconds((h % 3155760000000)::BIGINT))::TIMESTAMP_MS`],
  ['ts_ns', 'TIMESTAMP_NS', `make_timestamp_ns(((h % 4000000000000000000)::BIGINT - 1000000000000000000))`],
  ['tstz', 'TIMESTAMPTZ', `(TIMESTAMP '1960-01-01' + to_microseconds((h % 3155760000000000)::BIGINT))::TIMESTAMPTZ`],
  ['dec9', 'DECIMAL(9,2)', `CASE i WHEN 1 THEN -9999999.99 WHEN 2 THEN 9999999.99 ELSE ((h % 1999999999)::BIGINT - 999999999)::DECIMAL(18,0) * 0.01 END`],
  ['dec18', 'DECIMAL(18,4)', `CASE i WHEN 1 THEN -99999999999999.9999 WHEN 2 THEN 99999999999999.9999 ELSE ((h % 1999999999999999999)::HUGEINT - 999999999999999999)::DECIMAL(38,0) * 0.0001 END`],
  ['dec38', 'DECIMAL(38,10)', `CASE i WHEN 1 THEN '-9999999999999999999999999999.9999999999'::DECIMAL(38,10) WHEN 2 THEN '9999999999999999999999999999.9999999999'::DECIMAL(38,10) ELSE (CASE WHEN h % 2 = 0 THEN 1 ELSE -1 END) * ((h::HUGEINT * 1000000007 % 1000000000000000000000000000)::DECIMAL(38,10) + (hash(i + 17) % 10000000000)::DECIMAL(18,0) * 0.0000000001) END`],
  ['enum', "ENUM('red', 'green', 'blue')", `(['red', 'green', 'blue'])[(h % 3)::INTEGER + 1]`],
  // Embedding-like lists: null elements only in the nullable variant (see nullableList).
  ['lf32', 'FLOAT[]', `list_transform(range((h % 9)::BIGINT), k -> ((hash(i * 31 + k) % 2001)::DOUBLE / 1000 - 1)::FLOAT)`],
  ['lf64', 'DOUBLE[]', `list_transform(range((h % 9)::BIGINT), k -> (hash(i * 37 + k) % 200001)::DOUBLE / 100000 - 1)`],
];

function nullableExpression(suffix, expression) {
  const withNullElements = suffix.startsWith('lf')
    ? `list_transform(${expression}, x -> CASE WHEN hash(i::VARCHAR || x::VARCHAR) % 5 = 0 THEN NULL ELSE x END)`
    : expression;
  return `CASE WHEN h % 7 = 3 OR i = 0 THEN NULL ELSE ${withNullElements} END`;
}

// Column list as [name, DuckDB type] for the parquet-wasm side (encodings depend on physical type).
export const COLUMNS = VALUE_COLUMNS.flatMap(([suffix, type]) => [[`n_${suffix}`, type], [`r_${suffix}`, type]]);

// Creates table `name` with ROWS rows in the DuckDB connection.
export async function createSourceTable(connection, name, rows = ROWS) {
  const definitions = VALUE_COLUMNS.flatMap(([suffix, type]) => [`n_${suffix} ${type}`, `r_${suffix} ${type} NOT NULL`]);
  const values = VALUE_COLUMNS.flatMap(([suffix, type, expression]) => [
    `CAST(${nullableExpression(suffix, expression)} AS ${type})`,
    `CAST(${expression} AS ${type})`,
  ]);
  await connection.run(`CREATE TABLE ${name} (id BIGINT NOT NULL, ${definitions.join(', ')})`);
  await connection.run(`INSERT INTO ${name} SELECT i, ${values.join(', ')} FROM (SELECT i, hash(i * 2654435761) AS h FROM range(${rows}) r(i)) ORDER BY i`);
}
