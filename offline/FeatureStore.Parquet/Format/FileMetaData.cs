using FeatureStore.Parquet.Thrift;

namespace FeatureStore.Parquet.Format;

internal sealed class FileMetaData : IThriftStruct<FileMetaData>
{
    public int Version { get; set; }

    public List<SchemaElement> Schema { get; set; } = [];

    public long NumRows { get; set; }

    public List<RowGroup> RowGroups { get; set; } = [];

    public List<KeyValue> KeyValueMetadata { get; set; } = [];

    public string? CreatedBy { get; set; }

    /// <summary>Writer only: number of leaf columns to declare TYPE_ORDER column orders for.</summary>
    public int TypeDefinedColumnOrders { get; set; }

    public static FileMetaData Read(ref CompactReader reader)
    {
        var f = new FileMetaData();
        reader.EnterStruct();
        short last = 0;
        while (reader.ReadFieldHeader(ref last, out var type, out var id))
        {
            switch (id)
            {
                case 1 when type == CompactType.I32: f.Version = reader.ReadI32(); break;
                case 2 when type == CompactType.List: f.Schema = ThriftLists.ReadStructs<SchemaElement>(ref reader); break;
                case 3 when type == CompactType.I64: f.NumRows = reader.ReadI64(); break;
                case 4 when type == CompactType.List: f.RowGroups = ThriftLists.ReadStructs<RowGroup>(ref reader); break;
                case 5 when type == CompactType.List: f.KeyValueMetadata = ThriftLists.ReadStructs<KeyValue>(ref reader); break;
                case 6 when type == CompactType.Binary: f.CreatedBy = reader.ReadString(); break;
                default: reader.Skip(type); break;
            }
        }

        reader.ExitStruct();
        return f;
    }

    public void Write(CompactWriter writer)
    {
        writer.BeginStruct();
        writer.I32Field(1, Version);
        writer.ListField(2, CompactType.Struct, Schema.Count);
        foreach (var element in Schema)
        {
            element.Write(writer);
        }

        writer.I64Field(3, NumRows);
        writer.ListField(4, CompactType.Struct, RowGroups.Count);
        foreach (var group in RowGroups)
        {
            group.Write(writer);
        }

        if (KeyValueMetadata.Count > 0)
        {
            writer.ListField(5, CompactType.Struct, KeyValueMetadata.Count);
            foreach (var kv in KeyValueMetadata)
            {
                kv.Write(writer);
            }
        }

        if (CreatedBy is not null)
        {
            writer.StringField(6, CreatedBy);
        }

        if (TypeDefinedColumnOrders > 0)
        {
            writer.ListField(7, CompactType.Struct, TypeDefinedColumnOrders);
            for (var i = 0; i < TypeDefinedColumnOrders; i++)
            {
                writer.BeginStruct();
                writer.EmptyStructField(1);
                writer.EndStruct();
            }
        }

        writer.EndStruct();
    }
}
