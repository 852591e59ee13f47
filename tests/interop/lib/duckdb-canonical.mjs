// Turns any DuckDB relation (a table or read_parquet(...)) into the canonical JSON form of lib/canonical.mjs.
// Each column is converted by a SQL expression chosen from its DuckDB type, so integers and timestamps stay exact.
import { canonicalFloat } from './canonical.mjs';

const quote = (name) => `"${name.replaceAll('"', '""')}"`;

function fractionOfSecond(epochExpr, digits) {
  // ((x % d) + d) % d keeps the fraction positive before 1970.
  const d = 10 ** digits;
  return `lpad(CAST((((${epochExpr}) % ${d}) + ${d}) % ${d} AS VARCHAR), ${digits}, '0')`;
}

// A SQL expression converting `e` (of DuckDB type `type`) to its canonical value, or null for a JS-side float.
export function canonicalExpression(e, type) {
  const t = type.trim();
  if (t.endsWith('[]')) {
    const inner = t.slice(0, -2);
    return `list_transform(${e}, x -> ${canonicalExpression('x', inner)})`;
  }
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT)$/.test(t)) return `CAST(${e} AS VARCHAR)`;
  if (/^DECIMAL/.test(t)) return `CAST(${e} AS VARCHAR)`;
  if (t === 'FLOAT' || t === 'DOUBLE') return `CAST(${e} AS DOUBLE)`;
  if (t === 'BOOLEAN') return e;
  if (t === 'VARCHAR' || t.startsWith('ENUM') || t === 'UUID') return `CAST(${e} AS VARCHAR)`;
  if (t === 'BLOB') return `lower(hex(${e}))`;
  if (t === 'DATE') return `strftime(${e}, '%Y-%m-%d')`;
  if (t === 'TIME' || t === 'TIME WITH TIME ZONE') return `(strftime(DATE '1970-01-01' + CAST(${e} AS TIME), '%H:%M:%S.%f') || '000')`;
  if (t === 'TIME_NS') {
    const n = `epoch_ns(${e})`;
    const part = (expr, width) => `lpad(CAST(${expr} AS VARCHAR), ${width}, '0')`;
    return `(${part(`${n} // 3600000000000`, 2)} || ':' || ${part(`${n} // 60000000000 % 60`, 2)} || ':' || ${part(`${n} // 1000000000 % 60`, 2)} || '.' || ${part(`${n} % 1000000000`, 9)})`;
  }
  if (t === 'TIMESTAMP_NS') return `(strftime(${e}, '%Y-%m-%dT%H:%M:%S.') || ${fractionOfSecond(`epoch_ns(${e})`, 9)} || 'Z')`;
  if (t === 'TIMESTAMP' || t === 'TIMESTAMP_MS' || t === 'TIMESTAMP_S' || t === 'TIMESTAMP WITH TIME ZONE') {
    return `(strftime(${e}, '%Y-%m-%dT%H:%M:%S.') || ${fractionOfSecond(`epoch_us(${e})`, 6)} || '000Z')`;
  }
  throw new Error(`no canonical form for DuckDB type ${t}`);
}

function fixFloats(value, type) {
  if (value === null) return null;
  if (type.endsWith('[]')) return value.map((v) => fixFloats(v, type.slice(0, -2)));
  if (type === 'FLOAT' || type === 'DOUBLE') return canonicalFloat(value);
  return value;
}

// Reads `relation` (SQL text usable after FROM) through `connection` into the canonical form.
export async function canonicalFromDuckDb(connection, relation) {
  await connection.run("SET TimeZone = 'UTC'");
  const described = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${relation}`);
  const columns = described.getRowObjectsJS().map((r) => ({ name: r.column_name, type: r.column_type }));
  const select = columns.map((c) => `${canonicalExpression(quote(c.name), c.type)} AS ${quote(c.name)}`).join(', ');
  const result = await connection.runAndReadAll(`SELECT ${select} FROM ${relation}`);
  const rows = result.getRowsJS().map((row) => row.map((v, i) => fixFloats(v, columns[i].type)));
  return { columns, rows };
}
