namespace FeatureStore.Serving.Health;

/// <summary>What the server last learned about the online store (from reads and freshness probes).</summary>
public sealed class StoreHealth
{
    private volatile string? lastFailure;

    /// <summary>Raised when the store goes from answering to failing or back (not on every report).</summary>
    public event Action? Changed;

    /// <summary>Why the last store call failed; null when it succeeded.</summary>
    public string? LastFailure => lastFailure;

    public void ReportSuccess()
    {
        // Requests report every read: only a transition writes or notifies.
        if (lastFailure is not null)
        {
            lastFailure = null;
            Changed?.Invoke();
        }
    }

    public void ReportFailure(string reason)
    {
        var wasHealthy = lastFailure is null;
        lastFailure = reason;
        if (wasHealthy)
        {
            Changed?.Invoke();
        }
    }
}
