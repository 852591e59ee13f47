using FeatureStore.Parquet.Thrift;

namespace FeatureStore.Parquet.Format;

internal sealed class RowGroup : IThriftStruct<RowGroup>
{
    public List<ColumnChunk> Columns { get; set; } = [];

    public long TotalByteSize { get; set; }

    public long NumRows { get; set; }

    public long? FileOffset { get; set; }

    public long? TotalCompressedSize { get; set; }

    public short? Ordinal { get; set; }

    public static RowGroup Read(ref CompactReader reader)
    {
        var g = new RowGroup();
        reader.EnterStruct();
        short last = 0;
        while (reader.ReadFieldHeader(ref last, out var type, out var id))
        {
            switch (id)
            {
                case 1 when type == CompactType.List: g.Columns = ThriftLists.ReadStructs<ColumnChunk>(ref reader); break;
                case 2 when type == CompactType.I64: g.TotalByteSize = reader.ReadI64(); break;
                case 3 when type == CompactType.I64: g.NumRows = reader.ReadI64(); break;
                case 5 when type == CompactType.I64: g.FileOffset = reader.ReadI64(); break;
                case 6 when type == CompactType.I64: g.TotalCompressedSize = reader.ReadI64(); break;
                case 7 when type == CompactType.I16: g.Ordinal = reader.ReadI16(); break;
                default: reader.Skip(type); break;
            }
        }

        reader.ExitStruct();
        return g;
    }

    public void Write(CompactWriter writer)
    {
        writer.BeginStruct();
        writer.ListField(1, CompactType.Struct, Columns.Count);
        foreach (var column in Columns)
        {
            column.Write(writer);
        }

        writer.I64Field(2, TotalByteSize);
        writer.I64Field(3, NumRows);
        if (FileOffset is { } offset)
        {
            writer.I64Field(5, offset);
        }

        if (TotalCompressedSize is { } compressed)
        {
            writer.I64Field(6, compressed);
        }

        if (Ordinal is { } ordinal)
        {
            writer.FieldHeader(7, CompactType.I16);
            writer.I32(ordinal);
        }

        writer.EndStruct();
    }
}
