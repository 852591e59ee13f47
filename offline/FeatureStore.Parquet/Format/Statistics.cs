using FeatureStore.Parquet.Thrift;

namespace FeatureStore.Parquet.Format;

internal sealed class Statistics : IThriftStruct<Statistics>
{
    public byte[]? Max { get; set; }

    public byte[]? Min { get; set; }

    public long? NullCount { get; set; }

    public long? DistinctCount { get; set; }

    public byte[]? MaxValue { get; set; }

    public byte[]? MinValue { get; set; }

    public static Statistics Read(ref CompactReader reader)
    {
        var s = new Statistics();
        reader.EnterStruct();
        short last = 0;
        while (reader.ReadFieldHeader(ref last, out var type, out var id))
        {
            switch (id)
            {
                case 1 when type == CompactType.Binary: s.Max = reader.ReadBinary().ToArray(); break;
                case 2 when type == CompactType.Binary: s.Min = reader.ReadBinary().ToArray(); break;
                case 3 when type == CompactType.I64: s.NullCount = reader.ReadI64(); break;
                case 4 when type == CompactType.I64: s.DistinctCount = reader.ReadI64(); break;
                case 5 when type == CompactType.Binary: s.MaxValue = reader.ReadBinary().ToArray(); break;
                case 6 when type == CompactType.Binary: s.MinValue = reader.ReadBinary().ToArray(); break;
                default: reader.Skip(type); break;
            }
        }

        reader.ExitStruct();
        return s;
    }

    public void Write(CompactWriter writer)
    {
        writer.BeginStruct();
        if (Max is not null)
        {
            writer.BinaryField(1, Max);
        }

        if (Min is not null)
        {
            writer.BinaryField(2, Min);
        }

        if (NullCount is { } nulls)
        {
            writer.I64Field(3, nulls);
        }

        if (DistinctCount is { } distinct)
        {
            writer.I64Field(4, distinct);
        }

        if (MaxValue is not null)
        {
            writer.BinaryField(5, MaxValue);
        }

        if (MinValue is not null)
        {
            writer.BinaryField(6, MinValue);
        }

        writer.EndStruct();
    }
}
