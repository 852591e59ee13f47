using FeatureStore.Parquet.Thrift;

namespace FeatureStore.Parquet.Format;

internal sealed class ColumnChunk : IThriftStruct<ColumnChunk>
{
    public string? FilePath { get; set; }

    public long FileOffset { get; set; }

    public ColumnMetaData? MetaData { get; set; }

    public static ColumnChunk Read(ref CompactReader reader)
    {
        var c = new ColumnChunk();
        reader.EnterStruct();
        short last = 0;
        while (reader.ReadFieldHeader(ref last, out var type, out var id))
        {
            switch (id)
            {
                case 1 when type == CompactType.Binary: c.FilePath = reader.ReadString(); break;
                case 2 when type == CompactType.I64: c.FileOffset = reader.ReadI64(); break;
                case 3 when type == CompactType.Struct: c.MetaData = ColumnMetaData.Read(ref reader); break;
                default: reader.Skip(type); break;
            }
        }

        reader.ExitStruct();
        return c;
    }

    public void Write(CompactWriter writer)
    {
        writer.BeginStruct();
        writer.I64Field(2, FileOffset);
        if (MetaData is not null)
        {
            writer.FieldHeader(3, CompactType.Struct);
            MetaData.Write(writer);
        }

        writer.EndStruct();
    }
}
