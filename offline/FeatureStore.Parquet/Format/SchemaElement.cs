using FeatureStore.Parquet.Thrift;

namespace FeatureStore.Parquet.Format;

internal sealed class SchemaElement : IThriftStruct<SchemaElement>
{
    public PhysicalType? Type { get; set; }

    public int? TypeLength { get; set; }

    public Repetition? Repetition { get; set; }

    public string Name { get; set; } = string.Empty;

    public int? NumChildren { get; set; }

    public ConvertedType? ConvertedType { get; set; }

    public int? Scale { get; set; }

    public int? Precision { get; set; }

    public int? FieldId { get; set; }

    public LogicalTypeAnnotation? LogicalType { get; set; }

    public static SchemaElement Read(ref CompactReader reader)
    {
        var e = new SchemaElement();
        reader.EnterStruct();
        short last = 0;
        while (reader.ReadFieldHeader(ref last, out var type, out var id))
        {
            switch (id)
            {
                case 1 when type == CompactType.I32: e.Type = (PhysicalType)reader.ReadI32(); break;
                case 2 when type == CompactType.I32: e.TypeLength = reader.ReadI32(); break;
                case 3 when type == CompactType.I32: e.Repetition = (Repetition)reader.ReadI32(); break;
                case 4 when type == CompactType.Binary: e.Name = reader.ReadString(); break;
                case 5 when type == CompactType.I32: e.NumChildren = reader.ReadI32(); break;
                case 6 when type == CompactType.I32: e.ConvertedType = (ConvertedType)reader.ReadI32(); break;
                case 7 when type == CompactType.I32: e.Scale = reader.ReadI32(); break;
                case 8 when type == CompactType.I32: e.Precision = reader.ReadI32(); break;
                case 9 when type == CompactType.I32: e.FieldId = reader.ReadI32(); break;
                case 10 when type == CompactType.Struct: e.LogicalType = LogicalTypeAnnotation.Read(ref reader); break;
                default: reader.Skip(type); break;
            }
        }

        reader.ExitStruct();
        return e;
    }

    public void Write(CompactWriter writer)
    {
        writer.BeginStruct();
        if (Type is { } physical)
        {
            writer.I32Field(1, (int)physical);
        }

        if (TypeLength is { } length)
        {
            writer.I32Field(2, length);
        }

        if (Repetition is { } repetition)
        {
            writer.I32Field(3, (int)repetition);
        }

        writer.StringField(4, Name);
        if (NumChildren is { } children)
        {
            writer.I32Field(5, children);
        }

        if (ConvertedType is { } converted)
        {
            writer.I32Field(6, (int)converted);
        }

        if (Scale is { } scale)
        {
            writer.I32Field(7, scale);
        }

        if (Precision is { } precision)
        {
            writer.I32Field(8, precision);
        }

        if (LogicalType is not null)
        {
            writer.FieldHeader(10, CompactType.Struct);
            LogicalType.Write(writer);
        }

        writer.EndStruct();
    }
}
