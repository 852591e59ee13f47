using FeatureStore.Parquet;

namespace FeatureStore.Cli.Commands;

/// <summary><c>parquet head --format table</c>: aligned columns, a header of column names, nulls shown as "null".</summary>
internal static class ParquetTableRenderer
{
    public static string Render(ParquetSchema schema, IReadOnlyList<RecordBatch> batches, int rows) =>
        TextTable.Render(
            schema.Fields.Select(f => f.Name).ToArray(),
            ParquetFiles.Rows(batches, rows).Select(r => (IReadOnlyList<string>)schema.Fields
                .Select((f, c) => ParquetValueText.Format(r.Batch.Columns[c], f.Type, r.Row) ?? "null")
                .ToArray()));
}
