using FeatureStore.Parquet;
using FeatureStore.Registry.Model;

namespace FeatureStore.Offline;

/// <summary>
/// Which Parquet column types of a source file can feed a declared type: the conversions are exact or documented widenings
/// (docs/point-in-time.md, "Source types"). Checked per file, since the files of one source may differ.
/// </summary>
public static class SourceTypes
{
    /// <summary>Event and created timestamp columns: timestamps of any unit, UTC-adjusted or naive, dates, epoch integers.</summary>
    public const string TimestampKinds = "a timestamp (Timestamp of any unit, Date or Int64 epoch)";

    public static bool CanFeed(FeatureType declared, ParquetType found) => declared switch
    {
        FeatureType.Int32 => IsInt32Exact(found),
        FeatureType.Int64 => IsInt64Exact(found),
        FeatureType.Float32 => found.Kind is ParquetTypeKind.Float or ParquetTypeKind.Double,
        FeatureType.Float64 => found.Kind is ParquetTypeKind.Float or ParquetTypeKind.Double or ParquetTypeKind.Decimal || IsInt64Exact(found),
        FeatureType.Bool => found.Kind is ParquetTypeKind.Boolean,
        FeatureType.String => found.Kind is ParquetTypeKind.String or ParquetTypeKind.Enum,
        FeatureType.Bytes => found.Kind is ParquetTypeKind.Binary or ParquetTypeKind.FixedLenBinary or ParquetTypeKind.String,
        FeatureType.Timestamp => found.Kind is ParquetTypeKind.Timestamp,
        FeatureType.Float32List or FeatureType.Float64List => found.Kind == ParquetTypeKind.List
            && found.Element!.Kind is ParquetTypeKind.Float or ParquetTypeKind.Double,
        _ => false,
    };

    /// <summary>Join keys match by exact value: integers of any width that fit a long, or text / bytes.</summary>
    public static bool CanKey(FeatureType keyType, ParquetType found) => keyType switch
    {
        FeatureType.Int32 or FeatureType.Int64 => IsInt64Exact(found),
        FeatureType.String => found.Kind is ParquetTypeKind.String or ParquetTypeKind.Enum,
        FeatureType.Bytes => found.Kind is ParquetTypeKind.Binary or ParquetTypeKind.FixedLenBinary or ParquetTypeKind.String,
        _ => false,
    };

    public static bool IsTimestamp(ParquetType found) => found.Kind is ParquetTypeKind.Timestamp or ParquetTypeKind.Date or ParquetTypeKind.Int64;

    private static bool IsInt32Exact(ParquetType found) =>
        found.Kind is ParquetTypeKind.Int8 or ParquetTypeKind.Int16 or ParquetTypeKind.Int32 or ParquetTypeKind.UInt8 or ParquetTypeKind.UInt16;

    private static bool IsInt64Exact(ParquetType found) => IsInt32Exact(found) || found.Kind is ParquetTypeKind.Int64 or ParquetTypeKind.UInt32;
}
