// parquet-wasm (arrow-rs compiled to WebAssembly) helpers: Parquet bytes <-> apache-arrow JS tables.
import { readParquet, writeParquet, Table as WasmTable } from 'parquet-wasm/node';
import { tableFromIPC, tableToIPC, Schema, Table, RecordBatch, makeData, Struct } from 'apache-arrow';

export function readWithWasm(bytes) {
  return tableFromIPC(readParquet(bytes).intoIPCStream());
}

export function writeWithWasm(arrowTable, writerProperties) {
  return writeParquet(WasmTable.fromIPCStream(tableToIPC(arrowTable, 'stream')), writerProperties);
}

// Returns the table with top-level fields named in `requiredNames` marked non-nullable (written as REQUIRED).
export function withRequiredFields(table, requiredNames) {
  const fields = table.schema.fields.map((f) => (requiredNames.has(f.name) ? f.clone({ nullable: false }) : f));
  const schema = new Schema(fields, table.schema.metadata);
  const batches = table.batches.map((batch) => {
    const children = batch.data.children.map((child, i) => (requiredNames.has(fields[i].name) ? child.clone(child.type, child.offset, child.length, 0) : child));
    return new RecordBatch(schema, makeData({ type: new Struct(fields), length: batch.numRows, children, nullCount: 0 }));
  });
  return new Table(schema, batches);
}
