using FeatureStore.Parquet;

namespace FeatureStore.Cli.Commands;

/// <summary>Physical storage type names of logical types, as the Parquet spec maps them (and as this project's writer stores them).</summary>
internal static class ParquetTypeNames
{
    public static string Physical(ParquetType type) => type.Kind switch
    {
        ParquetTypeKind.Boolean => "BOOLEAN",
        ParquetTypeKind.Int8 or ParquetTypeKind.Int16 or ParquetTypeKind.Int32 or ParquetTypeKind.UInt8 or ParquetTypeKind.UInt16
            or ParquetTypeKind.UInt32 or ParquetTypeKind.Date => "INT32",
        ParquetTypeKind.Time => type.Unit == TimeUnit.Millis ? "INT32" : "INT64",
        ParquetTypeKind.Int64 or ParquetTypeKind.UInt64 or ParquetTypeKind.Timestamp => "INT64",
        ParquetTypeKind.Float => "FLOAT",
        ParquetTypeKind.Double => "DOUBLE",
        ParquetTypeKind.String or ParquetTypeKind.Binary or ParquetTypeKind.Enum => "BYTE_ARRAY",
        ParquetTypeKind.FixedLenBinary => $"FIXED_LEN_BYTE_ARRAY({type.Length})",
        ParquetTypeKind.Decimal => type.Precision <= 9 ? "INT32" : type.Precision <= 18 ? "INT64" : "FIXED_LEN_BYTE_ARRAY",
        ParquetTypeKind.List => "LIST<" + Physical(type.Element!) + ">",
        _ => type.Kind.ToString().ToUpperInvariant(),
    };
}
