namespace FeatureStore.OfflineServing.Hosting;

/// <summary>The offline Flight server cannot start as configured (a host that is not an IP address, a bad limit); the message says which.</summary>
public sealed class OfflineServingException : Exception
{
    public OfflineServingException(string message)
        : base(message)
    {
    }

    public OfflineServingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public OfflineServingException()
        : base("the offline Flight server cannot start")
    {
    }
}
