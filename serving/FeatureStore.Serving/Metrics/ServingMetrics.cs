using System.Collections.Concurrent;
using FeatureStore.Protos.Wire;

namespace FeatureStore.Serving.Metrics;

/// <summary>
/// Every metric of the feature server. Request-path updates are Interlocked operations on preallocated slots
/// (methods are numbered at startup, views get their <see cref="ViewMetrics"/> when a registry snapshot is built),
/// so no dictionary lookup or lock happens per request.
/// </summary>
public sealed class ServingMetrics
{
    private const int StatusCodeCount = 17;

    private readonly string[] methods;
    private readonly Histogram[] latency;
    private readonly long[] errors;
    private readonly ConcurrentDictionary<string, ViewMetrics> views = new(StringComparer.Ordinal);
    private long registryRevision;
    private long registryRefreshFailures;

    /// <param name="methods">The method names served; one more slot, "unknown", counts calls to anything else.</param>
    public ServingMetrics(IReadOnlyList<string> methods)
    {
        ArgumentNullException.ThrowIfNull(methods);
        this.methods = [.. methods, "unknown"];
        latency = new Histogram[this.methods.Length * StatusCodeCount];
        for (var i = 0; i < latency.Length; i++)
        {
            latency[i] = new Histogram(Histogram.LatencyBounds);
        }

        errors = new long[this.methods.Length * StatusCodeCount];
    }

    /// <summary>The slot of calls to unknown methods.</summary>
    public int UnknownMethod => methods.Length - 1;

    public IReadOnlyList<string> Methods => methods;

    public Histogram EntityRowsPerRequest { get; } = new(Histogram.CountBounds);

    public Histogram FeaturesPerRequest { get; } = new(Histogram.CountBounds);

    public Histogram OnlineStoreReadLatency { get; } = new(Histogram.LatencyBounds);

    public long RegistryRevision
    {
        get => Volatile.Read(ref registryRevision);
        set => Volatile.Write(ref registryRevision, value);
    }

    public long RegistryRefreshFailures => Volatile.Read(ref registryRefreshFailures);

    public void CountRegistryRefreshFailure() => Interlocked.Increment(ref registryRefreshFailures);

    /// <summary>Records one finished call: its latency under (method, code) and, when not OK, an error count.</summary>
    public void RecordCall(int method, GrpcStatusCode code, long startTimestamp)
    {
        var slot = (method * StatusCodeCount) + (int)code;
        latency[slot].ObserveElapsed(startTimestamp);
        if (code != GrpcStatusCode.OK)
        {
            Interlocked.Increment(ref errors[slot]);
        }
    }

    public Histogram Latency(int method, GrpcStatusCode code) => latency[(method * StatusCodeCount) + (int)code];

    public long Errors(int method, GrpcStatusCode code) => Volatile.Read(ref errors[(method * StatusCodeCount) + (int)code]);

    /// <summary>The metrics of a view (created on first use: when a snapshot mentioning it is built, not per request).</summary>
    public ViewMetrics View(string view) => views.GetOrAdd(view, static name => new ViewMetrics(name));

    public IEnumerable<ViewMetrics> Views => views.Values;
}
