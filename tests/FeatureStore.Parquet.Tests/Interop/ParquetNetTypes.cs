using NetSchema = global::Parquet.Schema;

namespace FeatureStore.Parquet.Tests.Interop;

/// <summary>
/// Maps fields between this codec's schema and Parquet.Net's: what Parquet.Net's schema of a file means in
/// <see cref="ParquetType"/> terms (for reading), and the Parquet.Net field that writes a <see cref="ParquetField"/>
/// (for writing; the shapes Parquet.Net cannot write throw <see cref="NotSupportedException"/>, see the Interop README).
/// </summary>
internal static class ParquetNetTypes
{
    public static ParquetField FromNet(NetSchema.Field field) => field switch
    {
        NetSchema.ListField { Item: NetSchema.DataField item } list =>
            new ParquetField(list.Name, ParquetType.ListOf(LeafType(item), item.IsNullable), list.IsNullable),
        NetSchema.DataField data => new ParquetField(data.Name, LeafType(data), data.IsNullable),
        _ => throw new NotSupportedException($"column '{field.Name}': Parquet.Net schema field {field} has no ParquetType here"),
    };

    public static NetSchema.Field ToNet(ParquetField field)
    {
        if (field.Type.Kind != ParquetTypeKind.List)
        {
            return Leaf(field.Name, field.Type, field.Nullable);
        }

        if (!field.Nullable)
        {
            throw new NotSupportedException($"column '{field.Name}': Parquet.Net writes every LIST as optional");
        }

        return new NetSchema.ListField(field.Name, Leaf(NetSchema.ListField.ElementName, field.Type.Element!, field.Type.ElementNullable));
    }

    /// <summary>The leaf that holds a column's values: the field itself, or a list's element.</summary>
    public static NetSchema.DataField LeafOf(NetSchema.Field field) => field switch
    {
        NetSchema.DataField data => data,
        NetSchema.ListField { Item: NetSchema.DataField item } => item,
        _ => throw new NotSupportedException($"column '{field.Name}': only flat columns and lists of primitives are mapped"),
    };

    private static NetSchema.DataField Leaf(string name, ParquetType type, bool nullable) => type.Kind switch
    {
        ParquetTypeKind.Boolean => new NetSchema.DataField(name, typeof(bool), nullable),
        ParquetTypeKind.Int8 => new NetSchema.DataField(name, typeof(sbyte), nullable),
        ParquetTypeKind.Int16 => new NetSchema.DataField(name, typeof(short), nullable),
        ParquetTypeKind.Int32 => new NetSchema.DataField(name, typeof(int), nullable),
        ParquetTypeKind.Int64 => new NetSchema.DataField(name, typeof(long), nullable),
        ParquetTypeKind.UInt8 => new NetSchema.DataField(name, typeof(byte), nullable),
        ParquetTypeKind.UInt16 => new NetSchema.DataField(name, typeof(ushort), nullable),
        ParquetTypeKind.UInt32 => new NetSchema.DataField(name, typeof(uint), nullable),
        ParquetTypeKind.UInt64 => new NetSchema.DataField(name, typeof(ulong), nullable),
        ParquetTypeKind.Float => new NetSchema.DataField(name, typeof(float), nullable),
        ParquetTypeKind.Double => new NetSchema.DataField(name, typeof(double), nullable),
        ParquetTypeKind.String => new NetSchema.DataField(name, typeof(string), nullable),
        ParquetTypeKind.Binary => new NetSchema.DataField(name, typeof(byte[]), nullable),
        ParquetTypeKind.Date => new NetSchema.DataField(name, typeof(DateOnly), nullable),
        ParquetTypeKind.Time => new NetSchema.TimeDataField(name, TimeUnitOf(type.Unit), nullable) { IsAdjustedToUtc = type.IsAdjustedToUtc },
        ParquetTypeKind.Timestamp => new NetSchema.DateTimeDataField(
            name, NetSchema.DateTimeFormat.Timestamp, type.IsAdjustedToUtc, DateTimeUnitOf(type.Unit), nullable),
        ParquetTypeKind.Decimal when type.Precision > 28 => new NetSchema.BigDecimalDataField(name, type.Precision, type.Scale, nullable),
        ParquetTypeKind.Decimal => new NetSchema.DecimalDataField(name, type.Precision, type.Scale, isNullable: nullable),
        _ => throw new NotSupportedException($"column '{name}': Parquet.Net cannot write {type}"),
    };

    private static ParquetType LeafType(NetSchema.DataField field) => field switch
    {
        NetSchema.DateTimeDataField { DateTimeFormat: NetSchema.DateTimeFormat.DateAndTime } => ParquetType.Timestamp(TimeUnit.Millis),
        NetSchema.DateTimeDataField { DateTimeFormat: NetSchema.DateTimeFormat.DateAndTimeMicros } => ParquetType.Timestamp(TimeUnit.Micros),
        NetSchema.DateTimeDataField { DateTimeFormat: NetSchema.DateTimeFormat.Timestamp } timestamp =>
            ParquetType.Timestamp(UnitOf(timestamp.Unit), timestamp.IsAdjustedToUTC),
        NetSchema.DateTimeDataField => ParquetType.Timestamp(TimeUnit.Nanos),
        NetSchema.TimeDataField time => ParquetType.Time(UnitOf(time.Precision), time.IsAdjustedToUtc),
        NetSchema.DecimalDataField decimalField => ParquetType.Decimal(decimalField.Precision, decimalField.Scale),
        _ => ClrLeafType(field),
    };

    private static ParquetType ClrLeafType(NetSchema.DataField field)
    {
        var clr = field.ClrType;
        return clr == typeof(bool) ? ParquetType.Boolean
            : clr == typeof(sbyte) ? ParquetType.Int8
            : clr == typeof(short) ? ParquetType.Int16
            : clr == typeof(int) ? ParquetType.Int32
            : clr == typeof(long) ? ParquetType.Int64
            : clr == typeof(byte) ? ParquetType.UInt8
            : clr == typeof(ushort) ? ParquetType.UInt16
            : clr == typeof(uint) ? ParquetType.UInt32
            : clr == typeof(ulong) ? ParquetType.UInt64
            : clr == typeof(float) ? ParquetType.Float
            : clr == typeof(double) ? ParquetType.Double
            : clr == typeof(ReadOnlyMemory<char>) ? ParquetType.String
            : clr == typeof(ReadOnlyMemory<byte>) ? ParquetType.Binary
            : clr == typeof(DateOnly) ? ParquetType.Date
            : throw new NotSupportedException($"column '{field.Name}': Parquet.Net reads it as {clr}, which has no ParquetType here");
    }

    private static TimeUnit UnitOf(NetSchema.DateTimeTimeUnit unit) => unit switch
    {
        NetSchema.DateTimeTimeUnit.Millis => TimeUnit.Millis,
        NetSchema.DateTimeTimeUnit.Micros => TimeUnit.Micros,
        _ => TimeUnit.Nanos,
    };

    private static TimeUnit UnitOf(NetSchema.TimeUnitPrecision unit) => unit switch
    {
        NetSchema.TimeUnitPrecision.Millis => TimeUnit.Millis,
        NetSchema.TimeUnitPrecision.Micros => TimeUnit.Micros,
        _ => TimeUnit.Nanos,
    };

    private static NetSchema.DateTimeTimeUnit DateTimeUnitOf(TimeUnit unit) => unit switch
    {
        TimeUnit.Millis => NetSchema.DateTimeTimeUnit.Millis,
        TimeUnit.Micros => NetSchema.DateTimeTimeUnit.Micros,
        _ => NetSchema.DateTimeTimeUnit.Nanos,
    };

    private static NetSchema.TimeUnitPrecision TimeUnitOf(TimeUnit unit) => unit switch
    {
        TimeUnit.Millis => NetSchema.TimeUnitPrecision.Millis,
        TimeUnit.Micros => NetSchema.TimeUnitPrecision.Micros,
        _ => NetSchema.TimeUnitPrecision.Nanos,
    };
}
