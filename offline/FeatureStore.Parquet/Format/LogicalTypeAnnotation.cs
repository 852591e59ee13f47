using FeatureStore.Parquet.Thrift;

namespace FeatureStore.Parquet.Format;

/// <summary>The LogicalType union of a schema element (one member set).</summary>
internal sealed class LogicalTypeAnnotation : IThriftStruct<LogicalTypeAnnotation>
{
    public LogicalTypeKind Kind { get; set; }

    public TimeUnit Unit { get; set; }

    public bool IsAdjustedToUtc { get; set; }

    public int BitWidth { get; set; }

    public bool IsSigned { get; set; }

    public int Scale { get; set; }

    public int Precision { get; set; }

    public static LogicalTypeAnnotation Read(ref CompactReader reader)
    {
        var logical = new LogicalTypeAnnotation();
        reader.EnterStruct();
        short last = 0;
        while (reader.ReadFieldHeader(ref last, out var type, out var id))
        {
            if (type != CompactType.Struct)
            {
                reader.Skip(type);
                continue;
            }

            switch (id)
            {
                case 5: logical.ReadDecimal(ref reader); break;
                case 7:
                case 8: logical.ReadTemporal(ref reader); break;
                case 10: logical.ReadInteger(ref reader); break;
                default: reader.SkipStruct(); break;
            }

            logical.Kind = System.Enum.IsDefined((LogicalTypeKind)id) ? (LogicalTypeKind)id : LogicalTypeKind.None;
        }

        reader.ExitStruct();
        return logical;
    }

    public void Write(CompactWriter writer)
    {
        writer.BeginStruct();
        writer.StructField((short)Kind);
        switch (Kind)
        {
            case LogicalTypeKind.Decimal:
                writer.I32Field(1, Scale);
                writer.I32Field(2, Precision);
                break;
            case LogicalTypeKind.Time:
            case LogicalTypeKind.Timestamp:
                writer.BoolField(1, IsAdjustedToUtc);
                writer.StructField(2);
                writer.EmptyStructField((short)(Unit + 1));
                writer.EndStruct();
                break;
            case LogicalTypeKind.Integer:
                writer.ByteField(1, (sbyte)BitWidth);
                writer.BoolField(2, IsSigned);
                break;
        }

        writer.EndStruct();
        writer.EndStruct();
    }

    private void ReadDecimal(ref CompactReader reader)
    {
        reader.EnterStruct();
        short last = 0;
        while (reader.ReadFieldHeader(ref last, out var type, out var id))
        {
            switch (id)
            {
                case 1 when type == CompactType.I32: Scale = reader.ReadI32(); break;
                case 2 when type == CompactType.I32: Precision = reader.ReadI32(); break;
                default: reader.Skip(type); break;
            }
        }

        reader.ExitStruct();
    }

    private void ReadTemporal(ref CompactReader reader)
    {
        reader.EnterStruct();
        short last = 0;
        while (reader.ReadFieldHeader(ref last, out var type, out var id))
        {
            switch (id)
            {
                case 1 when type is CompactType.BooleanTrue or CompactType.BooleanFalse:
                    IsAdjustedToUtc = CompactReader.ReadBool(type);
                    break;
                case 2 when type == CompactType.Struct:
                    Unit = ReadUnit(ref reader);
                    break;
                default: reader.Skip(type); break;
            }
        }

        reader.ExitStruct();
    }

    private static TimeUnit ReadUnit(ref CompactReader reader)
    {
        var unit = TimeUnit.Millis;
        reader.EnterStruct();
        short last = 0;
        while (reader.ReadFieldHeader(ref last, out var type, out var id))
        {
            if (id is >= 1 and <= 3)
            {
                unit = (TimeUnit)(id - 1);
            }

            reader.Skip(type);
        }

        reader.ExitStruct();
        return unit;
    }

    private void ReadInteger(ref CompactReader reader)
    {
        reader.EnterStruct();
        short last = 0;
        while (reader.ReadFieldHeader(ref last, out var type, out var id))
        {
            switch (id)
            {
                case 1 when type == CompactType.Byte: BitWidth = (sbyte)reader.ReadByte(); break;
                case 2 when type is CompactType.BooleanTrue or CompactType.BooleanFalse: IsSigned = CompactReader.ReadBool(type); break;
                default: reader.Skip(type); break;
            }
        }

        reader.ExitStruct();
    }
}
