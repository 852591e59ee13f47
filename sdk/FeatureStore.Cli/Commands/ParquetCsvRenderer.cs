using FeatureStore.Parquet;

namespace FeatureStore.Cli.Commands;

/// <summary><c>parquet head --format csv</c>: RFC 4180 CSV with a header row; nulls are empty fields.</summary>
internal static class ParquetCsvRenderer
{
    private static readonly char[] NeedsQuotes = [',', '"', '\r', '\n'];

    public static void Write(TextWriter output, ParquetSchema schema, IReadOnlyList<RecordBatch> batches, int rows)
    {
        output.Write(string.Join(",", schema.Fields.Select(f => Field(f.Name))) + "\n");
        foreach (var (batch, row) in ParquetFiles.Rows(batches, rows))
        {
            output.Write(string.Join(",", schema.Fields.Select((f, c) => Field(ParquetValueText.Format(batch.Columns[c], f.Type, row)))) + "\n");
        }
    }

    internal static string Field(string? value)
    {
        if (value is null)
        {
            return string.Empty;
        }

        return value.IndexOfAny(NeedsQuotes) >= 0 || value.StartsWith(' ') || value.EndsWith(' ')
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
    }
}
