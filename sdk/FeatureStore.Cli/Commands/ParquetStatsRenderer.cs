using System.Globalization;
using System.Text;
using FeatureStore.Parquet;

namespace FeatureStore.Cli.Commands;

/// <summary><c>parquet stats</c>: for each row group a line with its rows and bytes, then a table of its column chunks.</summary>
internal static class ParquetStatsRenderer
{
    public static string Render(ParquetFileReader reader)
    {
        var text = new StringBuilder();
        foreach (var group in reader.RowGroups)
        {
            if (group.Index > 0)
            {
                text.Append('\n');
            }

            text.Append(CultureInfo.InvariantCulture, $"row group {group.Index}: {group.RowCount} rows, {group.TotalByteSize} bytes\n");
            text.Append(TextTable.Render(
                ["COLUMN", "CODEC", "ENCODINGS", "COMPRESSED", "UNCOMPRESSED", "NULLS", "MIN", "MAX"],
                group.Columns.Select(c => (IReadOnlyList<string>)
                [
                    c.Column,
                    c.Codec.ToString().ToUpperInvariant(),
                    string.Join(",", c.Encodings.Select(Encoding)),
                    c.CompressedSize.ToString(CultureInfo.InvariantCulture),
                    c.UncompressedSize.ToString(CultureInfo.InvariantCulture),
                    c.Statistics?.NullCount?.ToString(CultureInfo.InvariantCulture) ?? "-",
                    Statistic(c.Statistics?.Min),
                    Statistic(c.Statistics?.Max),
                ])));
        }

        return text.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    private static string Encoding(ParquetEncoding encoding) => encoding switch
    {
        ParquetEncoding.PlainDictionary => "PLAIN_DICTIONARY",
        ParquetEncoding.BitPacked => "BIT_PACKED",
        ParquetEncoding.DeltaBinaryPacked => "DELTA_BINARY_PACKED",
        ParquetEncoding.DeltaLengthByteArray => "DELTA_LENGTH_BYTE_ARRAY",
        ParquetEncoding.DeltaByteArray => "DELTA_BYTE_ARRAY",
        ParquetEncoding.RleDictionary => "RLE_DICTIONARY",
        ParquetEncoding.ByteStreamSplit => "BYTE_STREAM_SPLIT",
        _ => encoding.ToString().ToUpperInvariant(),
    };

    /// <summary>Min/max text; long strings are cut to 32 characters with "...".</summary>
    private static string Statistic(object? value)
    {
        var text = value switch
        {
            null => "-",
            DateTime instant => instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture),
            DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            TimeSpan time => time.ToString("c", CultureInfo.InvariantCulture),
            byte[] bytes => Convert.ToHexStringLower(bytes),
            float f => f.ToString("R", CultureInfo.InvariantCulture),
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            bool b => b ? "true" : "false",
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "-",
        };
        return text.Length <= 32 ? text : string.Concat(text.AsSpan(0, 29), "...");
    }
}
