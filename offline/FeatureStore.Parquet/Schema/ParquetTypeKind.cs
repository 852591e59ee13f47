namespace FeatureStore.Parquet;

/// <summary>The logical type of a column, as the user sees it.</summary>
public enum ParquetTypeKind
{
    Boolean,
    Int8,
    Int16,
    Int32,
    Int64,
    UInt8,
    UInt16,
    UInt32,
    UInt64,
    Float,
    Double,
    String,
    Binary,
    Enum,
    FixedLenBinary,
    Date,
    Time,
    Timestamp,
    Decimal,
    List,
}
