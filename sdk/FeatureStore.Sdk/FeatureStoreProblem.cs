namespace FeatureStore.Sdk;

/// <summary>One problem: where it is ("drivers.yaml:12:5", "feature view 'driver_stats', field 'ttl'") and what is wrong.</summary>
public sealed record FeatureStoreProblem(string Location, string Message)
{
    public override string ToString() => $"{Location}: {Message}";
}
