namespace FeatureStore.Parquet.Thrift;

/// <summary>Typed list readers shared by the metadata structs.</summary>
internal static class ThriftLists
{
    public static List<T> ReadStructs<T>(ref CompactReader reader)
        where T : IThriftStruct<T>
    {
        var count = reader.ReadListHeader(out var elementType);
        Expect(elementType, CompactType.Struct);
        var items = new List<T>(count);
        for (var i = 0; i < count; i++)
        {
            items.Add(T.Read(ref reader));
        }

        return items;
    }

    public static List<int> ReadI32s(ref CompactReader reader)
    {
        var count = reader.ReadListHeader(out var elementType);
        Expect(elementType, CompactType.I32);
        var items = new List<int>(count);
        for (var i = 0; i < count; i++)
        {
            items.Add(reader.ReadI32());
        }

        return items;
    }

    public static List<string> ReadStrings(ref CompactReader reader)
    {
        var count = reader.ReadListHeader(out var elementType);
        Expect(elementType, CompactType.Binary);
        var items = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            items.Add(reader.ReadString());
        }

        return items;
    }

    private static void Expect(byte actual, byte expected)
    {
        if (actual != expected)
        {
            throw new InvalidDataException($"thrift list element type {actual}, expected {expected}");
        }
    }
}
