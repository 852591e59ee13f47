namespace FeatureStore.Parquet.Thrift;

/// <summary>A metadata struct that can read itself from the compact protocol.</summary>
internal interface IThriftStruct<out T>
{
    static abstract T Read(ref CompactReader reader);
}
