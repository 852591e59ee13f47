using Net = global::Parquet;
using NetSchema = global::Parquet.Schema;

namespace FeatureStore.Parquet.Tests.Interop;

/// <summary>Writes a batch with Parquet.Net: one row group per <c>rowGroupRows</c> rows, each column in schema order.</summary>
internal static class ParquetNetFileWriter
{
    /// <param name="hint">The encoding hint for a leaf (Parquet.Net applies it only where its encoder supports the type).</param>
    public static async Task WriteAsync(
        string path, RecordBatch batch, Net.CompressionMethod compression, Func<NetSchema.DataField, Net.EncodingHint> hint, int rowGroupRows)
    {
        var schema = new NetSchema.ParquetSchema(batch.Schema.Fields.Select(ParquetNetTypes.ToNet));
        var options = new Net.ParquetOptions { CompressionMethod = compression };
        foreach (var leaf in schema.DataFields)
        {
            options.ColumnEncodingHints[leaf.Path.ToString()] = hint(leaf);
        }

        await using var file = File.Create(path);
        await using var writer = await Net.ParquetWriter.CreateAsync(schema, file, options);
        for (var start = 0; start < batch.RowCount; start += rowGroupRows)
        {
            using var rowGroup = writer.CreateRowGroup();
            for (var c = 0; c < batch.Columns.Count; c++)
            {
                await ParquetNetColumnWriter.WriteAsync(rowGroup, schema.Fields[c], batch.Schema[c], batch.Columns[c], start, Math.Min(rowGroupRows, batch.RowCount - start));
            }

            rowGroup.CompleteValidate();
        }
    }
}
