using FeatureStore.Parquet.Thrift;

namespace FeatureStore.Parquet.Format;

internal sealed class DictionaryPageHeader : IThriftStruct<DictionaryPageHeader>
{
    public int NumValues { get; set; }

    public int Encoding { get; set; }

    public static DictionaryPageHeader Read(ref CompactReader reader)
    {
        var h = new DictionaryPageHeader();
        reader.EnterStruct();
        short last = 0;
        while (reader.ReadFieldHeader(ref last, out var type, out var id))
        {
            switch (id)
            {
                case 1 when type == CompactType.I32: h.NumValues = reader.ReadI32(); break;
                case 2 when type == CompactType.I32: h.Encoding = reader.ReadI32(); break;
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
        writer.EndStruct();
    }
}
