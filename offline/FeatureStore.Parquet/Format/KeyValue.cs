using FeatureStore.Parquet.Thrift;

namespace FeatureStore.Parquet.Format;

internal sealed class KeyValue : IThriftStruct<KeyValue>
{
    public string Key { get; set; } = string.Empty;

    public string? Value { get; set; }

    public static KeyValue Read(ref CompactReader reader)
    {
        var kv = new KeyValue();
        reader.EnterStruct();
        short last = 0;
        while (reader.ReadFieldHeader(ref last, out var type, out var id))
        {
            switch (id)
            {
                case 1 when type == CompactType.Binary: kv.Key = reader.ReadString(); break;
                case 2 when type == CompactType.Binary: kv.Value = reader.ReadString(); break;
                default: reader.Skip(type); break;
            }
        }

        reader.ExitStruct();
        return kv;
    }

    public void Write(CompactWriter writer)
    {
        writer.BeginStruct();
        writer.StringField(1, Key);
        if (Value is not null)
        {
            writer.StringField(2, Value);
        }

        writer.EndStruct();
    }
}
