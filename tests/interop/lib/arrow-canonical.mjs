// Converts an apache-arrow JS Table (as read by parquet-wasm) to the canonical form of lib/canonical.mjs.
// Fixed-width values are read from the raw buffers so 64-bit integers and nanosecond timestamps stay exact.
import { Type, TimeUnit, DateUnit } from 'apache-arrow';
import { canonicalFloat, decimalString, isoFromEpochNanos, timeFromNanos } from './canonical.mjs';

const unitNanos = { [TimeUnit.SECOND]: 1_000_000_000n, [TimeUnit.MILLISECOND]: 1_000_000n, [TimeUnit.MICROSECOND]: 1_000n, [TimeUnit.NANOSECOND]: 1n };
const hex = (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
const utf8 = new TextDecoder();

function int128(words) {
  let value = 0n;
  for (let w = 3; w >= 0; w--) value = (value << 32n) | BigInt(words[w]);
  return BigInt.asIntN(128, value);
}

function valueAt(data, i) {
  if (!data.getValid(i)) return null;
  const { type, values } = data;
  switch (type.typeId) {
    case Type.Bool: return data.type && ((values[(data.offset + i) >> 3] >> ((data.offset + i) & 7)) & 1) === 1;
    case Type.Int: return values[i].toString();
    case Type.Float: return canonicalFloat(Number(values[i]));
    case Type.Utf8: case Type.LargeUtf8: return utf8.decode(values.subarray(Number(data.valueOffsets[i]), Number(data.valueOffsets[i + 1])));
    case Type.Binary: case Type.LargeBinary: return hex(values.subarray(Number(data.valueOffsets[i]), Number(data.valueOffsets[i + 1])));
    case Type.FixedSizeBinary: return hex(values.subarray(i * type.byteWidth, (i + 1) * type.byteWidth));
    case Type.Date: {
      const ms = type.unit === DateUnit.DAY ? values[i] * 86_400_000 : Number(values[i]);
      return new Date(ms).toISOString().slice(0, 10);
    }
    case Type.Time: return timeFromNanos(BigInt(values[i]) * unitNanos[type.unit]);
    case Type.Timestamp: return isoFromEpochNanos(BigInt(values[i]) * unitNanos[type.unit]);
    case Type.Decimal: return decimalString(int128(values.subarray(4 * i, 4 * i + 4)), type.scale);
    case Type.List: case Type.LargeList: {
      const child = data.children[0];
      const items = [];
      for (let k = Number(data.valueOffsets[i]); k < Number(data.valueOffsets[i + 1]); k++) items.push(valueAt(child, k));
      return items;
    }
    case Type.Dictionary: return valueAt(data.dictionary.data[0], Number(data.values[i]));
    default: throw new Error(`no canonical form for Arrow type ${type}`);
  }
}

export function canonicalFromArrow(table) {
  const columns = table.schema.fields.map((f) => ({ name: f.name, type: String(f.type) }));
  const rows = [];
  for (const batch of table.batches) {
    const children = batch.data.children;
    for (let i = 0; i < batch.numRows; i++) rows.push(children.map((child) => valueAt(child, i)));
  }
  return { columns, rows };
}
