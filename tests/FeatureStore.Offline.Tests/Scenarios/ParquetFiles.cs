using FeatureStore.Parquet;

namespace FeatureStore.Offline.Tests;

internal static class ParquetFiles
{
    public static void Write(string path, ParquetSchema schema, IReadOnlyList<Column> columns, int rowGroupSize = 1 << 20)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var writer = ParquetFileWriter.Create(path, schema, new ParquetWriteOptions { RowGroupSize = rowGroupSize });
        writer.WriteBatch(new RecordBatch(schema, columns, columns.Count == 0 ? 0 : columns[0].Length));
    }

    public static RecordBatch ReadAll(string path)
    {
        using var reader = ParquetFileReader.Open(path);
        return reader.ReadAll();
    }

    public static bool[]? Validity<T>(IReadOnlyList<T?> values)
        where T : class =>
        values.Any(v => v is null) ? [.. values.Select(v => v is not null)] : null;
}
