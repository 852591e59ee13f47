using FeatureStore.Parquet.Thrift;

namespace FeatureStore.Parquet.Format;

internal sealed class DataPageHeaderV2 : IThriftStruct<DataPageHeaderV2>
{
    public int NumValues { get; set; }

    public int NumNulls { get; set; }

    public int NumRows { get; set; }

    public int Encoding { get; set; }

    public int DefinitionLevelsByteLength { get; set; }

    public int RepetitionLevelsByteLength { get; set; }

    public bool IsCompressed { get; set; } = true;

    public static DataPageHeaderV2 Read(ref CompactReader reader)
    {
        var h = new DataPageHeaderV2();
        reader.EnterStruct();
        short last = 0;
        while (reader.ReadFieldHeader(ref last, out var type, out var id))
        {
            switch (id)
            {
                case 1 when type == CompactType.I32: h.NumValues = reader.ReadI32(); break;
                case 2 when type == CompactType.I32: h.NumNulls = reader.ReadI32(); break;
                case 3 when type == CompactType.I32: h.NumRows = reader.ReadI32(); break;
                case 4 when type == CompactType.I32: h.Encoding = reader.ReadI32(); break;
                case 5 when type == CompactType.I32: h.DefinitionLevelsByteLength = reader.ReadI32(); break;
                case 6 when type == CompactType.I32: h.RepetitionLevelsByteLength = reader.ReadI32(); break;
                case 7 when type is CompactType.BooleanTrue or CompactType.BooleanFalse: h.IsCompressed = CompactReader.ReadBool(type); break;
                default: reader.Skip(type); break;
            }
        }

        reader.ExitStruct();
        return h;
    }

    public void Write(CompactWriter writer)
    {
        writer.BeginStruct();
        writer.I32Field(1, NumValues);
        writer.I32Field(2, NumNulls);
        writer.I32Field(3, NumRows);
        writer.I32Field(4, Encoding);
        writer.I32Field(5, DefinitionLevelsByteLength);
        writer.I32Field(6, RepetitionLevelsByteLength);
        writer.BoolField(7, IsCompressed);
        writer.EndStruct();
    }
}
