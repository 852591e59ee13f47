namespace FeatureStore.Parquet;

/// <summary>Unit of TIME and TIMESTAMP values.</summary>
public enum TimeUnit
{
    Millis,
    Micros,
    Nanos,
}
