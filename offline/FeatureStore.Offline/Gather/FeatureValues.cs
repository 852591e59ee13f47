using FeatureStore.Parquet;
using FeatureStore.Registry.Model;

namespace FeatureStore.Offline;

/// <summary>Output Parquet type of each feature type, and which source column types can feed it (exact or widening).</summary>
internal static class FeatureValues
{
    public static ParquetType OutputType(FeatureType type) => type switch
    {
        FeatureType.Int32 => ParquetType.Int32,
        FeatureType.Int64 => ParquetType.Int64,
        FeatureType.Float32 => ParquetType.Float,
        FeatureType.Float64 => ParquetType.Double,
        FeatureType.Bool => ParquetType.Boolean,
        FeatureType.String => ParquetType.String,
        FeatureType.Bytes => ParquetType.Binary,
        FeatureType.Timestamp => ParquetType.Timestamp(TimeUnit.Micros),
        FeatureType.Float32List => ParquetType.ListOf(ParquetType.Float),
        FeatureType.Float64List => ParquetType.ListOf(ParquetType.Double),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    public static bool Accepts(FeatureType feature, ParquetType source) => feature switch
    {
        FeatureType.Int32 => source.Kind is ParquetTypeKind.Int8 or ParquetTypeKind.Int16 or ParquetTypeKind.Int32 or ParquetTypeKind.UInt8 or ParquetTypeKind.UInt16,
        FeatureType.Int64 => source.Kind is ParquetTypeKind.Int8 or ParquetTypeKind.Int16 or ParquetTypeKind.Int32 or ParquetTypeKind.Int64
            or ParquetTypeKind.UInt8 or ParquetTypeKind.UInt16 or ParquetTypeKind.UInt32,
        FeatureType.Float32 => source.Kind is ParquetTypeKind.Float or ParquetTypeKind.Double,
        FeatureType.Float64 => source.Kind is ParquetTypeKind.Float or ParquetTypeKind.Double or ParquetTypeKind.Int32 or ParquetTypeKind.Int64,
        FeatureType.Bool => source.Kind is ParquetTypeKind.Boolean,
        FeatureType.String => source.Kind is ParquetTypeKind.String or ParquetTypeKind.Enum,
        FeatureType.Bytes => source.Kind is ParquetTypeKind.Binary or ParquetTypeKind.FixedLenBinary or ParquetTypeKind.String,
        FeatureType.Timestamp => source.Kind is ParquetTypeKind.Timestamp,
        FeatureType.Float32List or FeatureType.Float64List => source.Kind == ParquetTypeKind.List
            && source.Element!.Kind is ParquetTypeKind.Float or ParquetTypeKind.Double,
        _ => false,
    };
}
