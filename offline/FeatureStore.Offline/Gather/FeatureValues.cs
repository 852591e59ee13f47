using FeatureStore.Parquet;
using FeatureStore.Registry.Model;

namespace FeatureStore.Offline;

/// <summary>Output Parquet type of each feature type (which source types can feed it: <see cref="SourceTypes"/>).</summary>
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
}
