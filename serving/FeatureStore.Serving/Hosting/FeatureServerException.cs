namespace FeatureStore.Serving.Hosting;

/// <summary>The server cannot start as configured (bad host, unreadable TLS files, bad settings); the message names what to fix.</summary>
public sealed class FeatureServerException : Exception
{
    public FeatureServerException(string message) : base(message) { }

    public FeatureServerException(string message, Exception inner) : base(message, inner) { }

    public FeatureServerException() { }
}
