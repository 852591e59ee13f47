using Apache.Arrow;
using Apache.Arrow.Types;
using FeatureStore.Parquet;
using ArrowTimeUnit = Apache.Arrow.Types.TimeUnit;
using ParquetTimeUnit = FeatureStore.Parquet.TimeUnit;

namespace FeatureStore.Sdk.Arrow;

/// <summary>
/// Which Arrow type a column of each Parquet logical type becomes, and which project type an Arrow column becomes
/// (the table is in docs/arrow.md).
/// </summary>
internal static class ArrowTypeMapping
{
    /// <summary>Name of the child field of list types, as Arrow C++ and pyarrow name it.</summary>
    public const string ListItemName = "item";

    public static Field ToArrowField(ParquetField field) =>
        new(field.Name, ArrowStatusColumns.IsStatusColumn(field) ? ArrowStatusColumns.Type : ToArrowType(field.Type), field.Nullable);

    public static IArrowType ToArrowType(ParquetType type) => type.Kind switch
    {
        ParquetTypeKind.Boolean => BooleanType.Default,
        ParquetTypeKind.Int8 => Int8Type.Default,
        ParquetTypeKind.Int16 => Int16Type.Default,
        ParquetTypeKind.Int32 => Int32Type.Default,
        ParquetTypeKind.Int64 => Int64Type.Default,
        ParquetTypeKind.UInt8 => UInt8Type.Default,
        ParquetTypeKind.UInt16 => UInt16Type.Default,
        ParquetTypeKind.UInt32 => UInt32Type.Default,
        ParquetTypeKind.UInt64 => UInt64Type.Default,
        ParquetTypeKind.Float => FloatType.Default,
        ParquetTypeKind.Double => DoubleType.Default,
        ParquetTypeKind.String or ParquetTypeKind.Enum => StringType.Default,
        ParquetTypeKind.Binary => BinaryType.Default,
        ParquetTypeKind.FixedLenBinary => new FixedSizeBinaryType(type.Length),
        ParquetTypeKind.Date => Date32Type.Default,
        ParquetTypeKind.Time when type.Unit == ParquetTimeUnit.Millis => new Time32Type(ArrowTimeUnit.Millisecond),
        ParquetTypeKind.Time => new Time64Type(ToArrowUnit(type.Unit)),
        ParquetTypeKind.Timestamp => new TimestampType(ToArrowUnit(type.Unit), type.IsAdjustedToUtc ? "UTC" : (string?)null),
        ParquetTypeKind.Decimal => new Decimal128Type(type.Precision, type.Scale),
        ParquetTypeKind.List => new ListType(new Field(ListItemName, ToArrowType(type.Element!), type.ElementNullable)),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "no Arrow type for this Parquet type"),
    };

    public static ParquetField FromArrowField(Field field) =>
        new(field.Name, FromArrowType(field.Name, field.DataType), field.IsNullable);

    /// <summary>The project type an Arrow column is read into; timestamps of any unit and zone become UTC microseconds.</summary>
    public static ParquetType FromArrowType(string column, IArrowType type) => type switch
    {
        BooleanType => ParquetType.Boolean,
        Int8Type => ParquetType.Int8,
        Int16Type => ParquetType.Int16,
        Int32Type => ParquetType.Int32,
        Int64Type => ParquetType.Int64,
        UInt8Type => ParquetType.UInt8,
        UInt16Type => ParquetType.UInt16,
        UInt32Type => ParquetType.UInt32,
        UInt64Type => ParquetType.UInt64,
        HalfFloatType or FloatType => ParquetType.Float,
        DoubleType => ParquetType.Double,
        StringType or LargeStringType or StringViewType => ParquetType.String,
        BinaryType or LargeBinaryType or BinaryViewType => ParquetType.Binary,
        Decimal32Type d => ParquetType.Decimal(d.Precision, d.Scale),
        Decimal64Type d => ParquetType.Decimal(d.Precision, d.Scale),
        Decimal128Type d => ParquetType.Decimal(d.Precision, d.Scale),
        Decimal256Type => throw Unsupported(column, type),
        FixedSizeBinaryType f => ParquetType.FixedLenBinary(f.ByteWidth),
        Date32Type or Date64Type => ParquetType.Date,
        Time32Type => ParquetType.Time(ParquetTimeUnit.Millis),
        Time64Type t => ParquetType.Time(t.Unit == ArrowTimeUnit.Microsecond ? ParquetTimeUnit.Micros : ParquetTimeUnit.Nanos),
        TimestampType => ParquetType.Timestamp(ParquetTimeUnit.Micros, isAdjustedToUtc: true),
        DictionaryType d when d.ValueType is StringType or LargeStringType or StringViewType => ParquetType.String,
        DictionaryType d when d.ValueType is BinaryType or LargeBinaryType or BinaryViewType => ParquetType.Binary,
        ListType l => ListOf(column, type, l.ValueField),
        LargeListType l => ListOf(column, type, l.ValueField),
        FixedSizeListType l => ListOf(column, type, l.ValueField),
        _ => throw Unsupported(column, type),
    };

    public static ArgumentException Unsupported(string column, IArrowType type) =>
        new($"column '{column}' has Arrow type {ArrowTypeNames.Describe(type)}, which the feature store cannot read " +
            "(supported: integers, floats, bool, strings, binary, decimals up to 38 digits, dates, times, timestamps, dictionary-encoded strings, lists of these)");

    private static ParquetType ListOf(string column, IArrowType listType, Field item)
    {
        if (item.DataType is ListType or LargeListType or FixedSizeListType)
        {
            throw new ArgumentException($"column '{column}' has Arrow type {ArrowTypeNames.Describe(listType)}: lists of lists are not supported");
        }

        return ParquetType.ListOf(FromArrowType(column, item.DataType), item.IsNullable);
    }

    private static ArrowTimeUnit ToArrowUnit(ParquetTimeUnit unit) => unit switch
    {
        ParquetTimeUnit.Millis => ArrowTimeUnit.Millisecond,
        ParquetTimeUnit.Micros => ArrowTimeUnit.Microsecond,
        _ => ArrowTimeUnit.Nanosecond,
    };
}
