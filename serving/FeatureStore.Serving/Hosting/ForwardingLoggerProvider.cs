using Microsoft.Extensions.Logging;

namespace FeatureStore.Serving.Hosting;

/// <summary>Hands the Kestrel host's log categories to the caller's logger factory, so the host's filters apply first.</summary>
internal sealed class ForwardingLoggerProvider(ILoggerFactory target) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => target.CreateLogger(categoryName);

    // The target factory belongs to the caller.
    public void Dispose()
    {
    }
}
