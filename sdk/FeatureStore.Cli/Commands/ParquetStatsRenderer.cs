using System.Buffers.Binary;
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
                group.Columns.Select(c => Cells(c, LeafType(reader.Schema, c.Column)))));
        }

        return text.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    private static IReadOnlyList<string> Cells(ColumnChunkInfo c, ParquetType? type) =>
    [
        c.Column,
        c.Codec.ToString().ToUpperInvariant(),
        string.Join(",", c.Encodings.Select(Encoding)),
        c.CompressedSize.ToString(CultureInfo.InvariantCulture),
        c.UncompressedSize.ToString(CultureInfo.InvariantCulture),
        c.Statistics?.NullCount?.ToString(CultureInfo.InvariantCulture) ?? "-",
        Statistic(c.Statistics?.Min, c.Statistics?.RawMin, type),
        Statistic(c.Statistics?.Max, c.Statistics?.RawMax, type),
    ];

    /// <summary>The type statistics are kept in: the column's, or its elements' for a list.</summary>
    private static ParquetType? LeafType(ParquetSchema schema, string column) =>
        schema.IndexOf(column) is var i and >= 0 ? (schema[i].Type.Element ?? schema[i].Type) : null;

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

    /// <summary>Min/max text: dates and timestamps from the stored value, as head prints them (any year); other values decoded.</summary>
    private static string Statistic(object? value, byte[]? raw, ParquetType? type) => (type?.Kind, raw?.Length) switch
    {
        (ParquetTypeKind.Timestamp, 8) => ParquetDateText.Timestamp(BinaryPrimitives.ReadInt64LittleEndian(raw), type.Unit),
        (ParquetTypeKind.Date, 4) => ParquetDateText.Date(BinaryPrimitives.ReadInt32LittleEndian(raw)),
        _ => Shortened(Decoded(value)),
    };

    /// <summary>Long strings are cut to 32 characters with "...".</summary>
    private static string Shortened(string text) => text.Length <= 32 ? text : string.Concat(text.AsSpan(0, 29), "...");

    private static string Decoded(object? value) => value switch
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
}
