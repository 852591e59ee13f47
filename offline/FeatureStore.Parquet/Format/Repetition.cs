namespace FeatureStore.Parquet.Format;

internal enum Repetition
{
    Required = 0,
    Optional = 1,
    Repeated = 2,
}
