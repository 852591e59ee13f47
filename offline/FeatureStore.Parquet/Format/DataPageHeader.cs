using FeatureStore.Parquet.Thrift;

namespace FeatureStore.Parquet.Format;

internal sealed class DataPageHeader : IThriftStruct<DataPageHeader>
{
    public int NumValues { get; set; }

    public int Encoding { get; set; }

    public int DefinitionLevelEncoding { get; set; }

    public int RepetitionLevelEncoding { get; set; }

    public static DataPageHeader Read(ref CompactReader reader)
    {
        var h = new DataPageHeader();
        reader.EnterStruct();
        short last = 0;
        while (reader.ReadFieldHeader(ref last, out var type, out var id))
        {
            switch (id)
            {
                case 1 when type == CompactType.I32: h.NumValues = reader.ReadI32(); break;
                case 2 when type == CompactType.I32: h.Encoding = reader.ReadI32(); break;
                case 3 when type == CompactType.I32: h.DefinitionLevelEncoding = reader.ReadI32(); break;
                case 4 when type == CompactType.I32: h.RepetitionLevelEncoding = reader.ReadI32(); break;
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
        writer.I32Field(2, Encoding);
        writer.I32Field(3, DefinitionLevelEncoding);
        writer.I32Field(4, RepetitionLevelEncoding);
        writer.EndStruct();
    }
}
