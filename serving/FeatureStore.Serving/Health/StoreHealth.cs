namespace FeatureStore.Serving.Health;

/// <summary>What the server last learned about the online store (from reads and freshness probes).</summary>
public sealed class StoreHealth
{
    private volatile string? lastFailure;

    /// <summary>Why the last store call failed; null when it succeeded.</summary>
    public string? LastFailure => lastFailure;

    public void ReportSuccess()
    {
        if (lastFailure is not null)
        {
            lastFailure = null;
        }
    }

    public void ReportFailure(string reason) => lastFailure = reason;
}
