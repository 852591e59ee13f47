// Writes the interop matrix: the same source table (lib/source-table.mjs) as Parquet files produced by DuckDB and by
// parquet-wasm (arrow-rs) with many codec/encoding/page-version options, plus expected.json (canonical values)
// and manifest.json ({ files: [{ file, writer, options }] }).
// Usage: node generate.mjs OUTDIR [--rows N] [--self-check]   (--self-check: DuckDB re-reads every file and compares)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { Compression, Encoding, WriterPropertiesBuilder, WriterVersion } from 'parquet-wasm/node';
import { createSourceTable, COLUMNS, ROWS } from './lib/source-table.mjs';
import { canonicalFromDuckDb } from './lib/duckdb-canonical.mjs';
import { toJson } from './lib/canonical.mjs';
import { readWithWasm, withRequiredFields, writeWithWasm } from './lib/wasm.mjs';

const args = process.argv.slice(2);
const outDir = args[0];
if (!outDir) { console.error('usage: node generate.mjs OUTDIR [--rows N]'); process.exit(2); }
const rowsIndex = args.indexOf('--rows');
const rows = rowsIndex >= 0 ? Number(args[rowsIndex + 1]) : ROWS;
mkdirSync(outDir, { recursive: true });

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
await createSourceTable(connection, 'src', rows);
const expected = await canonicalFromDuckDb(connection, 'src');
const expectedJson = toJson({ columns: expected.columns, rows: expected.rows });
writeFileSync(join(outDir, 'expected.json'), expectedJson);
const manifest = [];

async function selfCheck(file) {
  if (!args.includes('--self-check')) return;
  const actual = await canonicalFromDuckDb(connection, `read_parquet('${join(outDir, file)}')`);
  if (JSON.stringify(actual.rows) !== JSON.stringify(expected.rows)) throw new Error(`${file}: DuckDB does not read back the source values`);
}

// DuckDB: codec x format version (v2 = DELTA encodings + data page v2) x dictionary on/off; 2048-row groups.
for (const codec of ['uncompressed', 'snappy', 'gzip', 'zstd']) {
  for (const version of ['v1', 'v2']) {
    for (const dictionary of [true, false]) {
      const file = `duckdb_${codec}_${version}_${dictionary ? 'dict' : 'plain'}.parquet`;
      const options = `FORMAT parquet, COMPRESSION ${codec}, PARQUET_VERSION ${version}, ROW_GROUP_SIZE 2048${dictionary ? '' : ', DICTIONARY_SIZE_LIMIT 0'}`;
      await connection.run(`COPY src TO '${join(outDir, file)}' (${options})`);
      await selfCheck(file);
      manifest.push({ file, writer: 'duckdb', options });
    }
  }
}

// parquet-wasm: re-write the DuckDB file through arrow-rs with r_* columns REQUIRED.
const physical = (type) => {
  if (/^(TINYINT|SMALLINT|INTEGER|UTINYINT|USMALLINT|UINTEGER|DATE|DECIMAL\(9)/.test(type)) return 'int32';
  if (/^(BIGINT|UBIGINT|TIME|TIMESTAMP|DECIMAL\(18)/.test(type)) return 'int64';
  if (type === 'FLOAT' || type === 'DOUBLE') return 'float';
  if (type === 'VARCHAR' || type === 'BLOB' || type.startsWith('ENUM')) return 'bytes';
  return 'other';
};
const source = readWithWasm(readFileSync(join(outDir, 'duckdb_uncompressed_v1_plain.parquet')));
const arrowTable = withRequiredFields(source, new Set(['id', ...COLUMNS.filter(([n]) => n.startsWith('r_')).map(([n]) => n)]));
const codecs = { uncompressed: Compression.UNCOMPRESSED, snappy: Compression.SNAPPY, gzip: Compression.GZIP, zstd: Compression.ZSTD };
const byPhysical = (encodings) => (builder) => {
  for (const [name, type] of [['id', 'BIGINT'], ...COLUMNS]) {
    const encoding = encodings[physical(type)];
    if (encoding !== undefined) builder = builder.setColumnEncoding(name, encoding);
  }
  return builder;
};
const wasmVariants = [];
for (const codec of Object.keys(codecs)) {
  wasmVariants.push({ name: `plain_${codec}_v1`, codec, version: WriterVersion.V1, dictionary: false, configure: (b) => b.setEncoding(Encoding.PLAIN) });
  wasmVariants.push({ name: `dict_${codec}_v2`, codec, version: WriterVersion.V2, dictionary: true, configure: (b) => b });
}
wasmVariants.push(
  { name: 'delta_snappy_v2', codec: 'snappy', version: WriterVersion.V2, dictionary: false,
    configure: byPhysical({ int32: Encoding.DELTA_BINARY_PACKED, int64: Encoding.DELTA_BINARY_PACKED, bytes: Encoding.DELTA_BYTE_ARRAY, float: Encoding.BYTE_STREAM_SPLIT }) },
  { name: 'deltalength_zstd_v1', codec: 'zstd', version: WriterVersion.V1, dictionary: false,
    configure: byPhysical({ int32: Encoding.DELTA_BINARY_PACKED, int64: Encoding.DELTA_BINARY_PACKED, bytes: Encoding.DELTA_LENGTH_BYTE_ARRAY, float: Encoding.BYTE_STREAM_SPLIT }) },
  { name: 'bytestreamsplit_gzip_v2', codec: 'gzip', version: WriterVersion.V2, dictionary: false,
    configure: byPhysical({ float: Encoding.BYTE_STREAM_SPLIT }) },
  // Many small pages per column chunk (page size limit 1 KiB, 64-value write batches) with dictionary fallback.
  { name: 'smallpages_snappy_v1', codec: 'snappy', version: WriterVersion.V1, dictionary: true,
    configure: (b) => b.setDataPageSizeLimit(1024).setWriteBatchSize(64).setDictionaryPageSizeLimit(2048) },
);
for (const variant of wasmVariants) {
  const file = `wasm_${variant.name}.parquet`;
  let builder = new WriterPropertiesBuilder()
    .setCompression(codecs[variant.codec]).setWriterVersion(variant.version)
    .setDictionaryEnabled(variant.dictionary).setMaxRowGroupSize(1000);
  builder = variant.configure(builder);
  writeFileSync(join(outDir, file), writeWithWasm(arrowTable, builder.build()));
  await selfCheck(file);
  manifest.push({ file, writer: 'parquet-wasm', options: `${variant.name}, dictionary ${variant.dictionary}, 1000-row groups` });
}

writeFileSync(join(outDir, 'manifest.json'), JSON.stringify({ rows, expected: 'expected.json', files: manifest }, null, 1));
console.log(`wrote ${manifest.length} files of ${rows} rows to ${outDir}`);
