namespace FeatureStore.Streaming.Tests;

/// <summary>The online stores the ingestion tests run against: the embedded SQLite file and the shared Redis of test.sh.</summary>
public enum StoreKind
{
    Sqlite,
    Redis,
}
