using System.Text.Json.Nodes;

namespace FeatureStore.Parquet.Tests.Interop;

/// <summary>
/// Documented ways an independent reader's view of a valid file differs from the written values (not codec bugs):
/// arrow-rs maps the ENUM annotation to Arrow Binary, so it shows enum text as bytes; DuckDB has no nanosecond
/// TIMESTAMP WITH TIME ZONE, so it reads UTC-adjusted nanosecond timestamps as microseconds (truncated toward zero);
/// Parquet.Net returns timestamps as DateTime, so it reads nanosecond timestamps to 100 ns ticks (truncated toward zero).
/// </summary>
internal enum ReaderQuirks
{
    None,
    DuckDb,
    ArrowRs,
    ParquetNet,
}

internal static class ReaderQuirksExtensions
{
    /// <summary>The canonical value this reader is expected to report for a written value.</summary>
    public static JsonNode? Expected(this ReaderQuirks quirks, Column column, ParquetType type, int row) => quirks switch
    {
        ReaderQuirks.ArrowRs when type.Kind == ParquetTypeKind.Enum => CanonicalJson.Value(column, ParquetType.Binary, row),
        ReaderQuirks.DuckDb when type is { Kind: ParquetTypeKind.Timestamp, Unit: TimeUnit.Nanos, IsAdjustedToUtc: true } && !column.IsNull(row) =>
            CanonicalJson.Value(new Int64Column([((Int64Column)column).Values[row] / 1000]), ParquetType.Timestamp(TimeUnit.Micros), 0),
        ReaderQuirks.ParquetNet when type is { Kind: ParquetTypeKind.Timestamp, Unit: TimeUnit.Nanos } && !column.IsNull(row) =>
            CanonicalJson.Value(new Int64Column([((Int64Column)column).Values[row] / 100 * 100]), type, 0),
        _ when type.Kind == ParquetTypeKind.List && !column.IsNull(row) => ListElements(quirks, (ListColumn)column, type, row),
        _ => CanonicalJson.Value(column, type, row),
    };

    private static JsonArray ListElements(ReaderQuirks quirks, ListColumn column, ParquetType type, int row)
    {
        var items = new JsonArray();
        for (var i = column.Offsets[row]; i < column.Offsets[row + 1]; i++)
        {
            items.Add(quirks.Expected(column.Values, type.Element!, i));
        }

        return items;
    }
}
