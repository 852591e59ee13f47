using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using Prometheus;

namespace FeatureStore.Serving.Metrics;

/// <summary>
/// Every metric of the feature server, in a prometheus-net registry of its own (several servers may run in one
/// process). Request-path updates go to cached label children: a method's series are cached on its first call, a
/// view's when a registry snapshot mentioning it is built, so no label lookup happens per request.
/// </summary>
public sealed class ServingMetrics
{
    private readonly CollectorRegistry registry = Prometheus.Metrics.NewCustomRegistry();
    private readonly Histogram callLatency;
    private readonly Counter callErrors;
    private readonly Histogram servedValueAge;
    private readonly Counter featureStatus;
    private readonly Gauge viewFreshness;
    private readonly Gauge registryRevisionGauge;
    private readonly Counter registryRefreshFailures;
    private readonly ConcurrentDictionary<string, MethodMetrics> methods = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ViewMetrics> views = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim exporting = new(1, 1);
    private long registryRevision;
    private DateTimeOffset scrapeTime;

    public ServingMetrics()
    {
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        callLatency = factory.CreateHistogram(
            "featurestore_grpc_request_duration_seconds", "gRPC call latency on the server, by method and status code.",
            ["method", "code"], new HistogramConfiguration { Buckets = Buckets.Latency });
        callErrors = factory.CreateCounter(
            "featurestore_grpc_errors_total", "gRPC calls that ended with a non-OK status, by method and code.", ["method", "code"]);
        EntityRowsPerRequest = factory.CreateHistogram(
            "featurestore_request_entity_rows", "Entity rows per GetOnlineFeatures request.", new HistogramConfiguration { Buckets = Buckets.Count });
        FeaturesPerRequest = factory.CreateHistogram(
            "featurestore_request_features", "Features per GetOnlineFeatures request.", new HistogramConfiguration { Buckets = Buckets.Count });
        OnlineStoreReadLatency = factory.CreateHistogram(
            "featurestore_online_store_read_duration_seconds", "Latency of online store reads made by the server.",
            new HistogramConfiguration { Buckets = Buckets.Latency });
        servedValueAge = factory.CreateHistogram(
            "featurestore_served_value_age_seconds", "Request time minus event time of served rows, per feature view.",
            ["view"], new HistogramConfiguration { Buckets = Buckets.Age });
        featureStatus = factory.CreateCounter(
            "featurestore_feature_status_total",
            "Served feature values by status (hit PRESENT, miss MISSING, stale OUTSIDE_TTL, NULL_VALUE), per view.", ["view", "status"]);
        viewFreshness = factory.CreateGauge(
            "featurestore_view_freshness_seconds", "Now minus the newest event timestamp written to the view (data age, not job age).",
            ["view"], new GaugeConfiguration { SuppressInitialValue = true });
        registryRevisionGauge = factory.CreateGauge("featurestore_registry_revision", "Registry revision of the snapshot being served.");
        registryRefreshFailures = factory.CreateCounter(
            "featurestore_registry_refresh_failures_total", "Failed attempts to load a new registry snapshot.");
        registry.AddBeforeCollectCallback(SetFreshness);
    }

    public IHistogram EntityRowsPerRequest { get; }

    public IHistogram FeaturesPerRequest { get; }

    public IHistogram OnlineStoreReadLatency { get; }

    public long RegistryRevision
    {
        get => Volatile.Read(ref registryRevision);
        set
        {
            Volatile.Write(ref registryRevision, value);
            registryRevisionGauge.Set(value);
        }
    }

    public long RegistryRefreshFailures => (long)registryRefreshFailures.Value;

    public IEnumerable<ViewMetrics> Views => views.Values;

    public void CountRegistryRefreshFailure() => registryRefreshFailures.Inc();

    /// <summary>Records one finished call: its latency under (method, code) and, when not OK, an error count.</summary>
    public void RecordCall(string method, StatusCode code, long startTimestamp)
    {
        ArgumentNullException.ThrowIfNull(method);
        var seconds = Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds;
        methods.GetOrAdd(method, static (name, self) => new MethodMetrics(name, self.callLatency, self.callErrors), this).Record(code, seconds);
    }

    /// <summary>The metrics of a view (created on first use: when a snapshot mentioning it is built, not per request).</summary>
    public ViewMetrics View(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return views.GetOrAdd(name, static (view, self) => new ViewMetrics(view, self.servedValueAge, self.featureStatus, self.viewFreshness), this);
    }

    /// <summary>The server's own registry; PushFeatures records its ingestion metrics (featurestore_ingest_*) here too.</summary>
    internal CollectorRegistry Registry => registry;

    /// <summary>Writes every metric in the Prometheus text format; <paramref name="now"/> is the time the freshness gauges are computed at.</summary>
    public async Task WriteExpositionAsync(Stream destination, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        // One export at a time: the freshness callback reads the scrape time set here.
        await exporting.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            scrapeTime = now;
            await registry.CollectAndExportAsTextAsync(destination, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            exporting.Release();
        }
    }

    private void SetFreshness()
    {
        foreach (var view in views.Values)
        {
            view.SetFreshness(scrapeTime);
        }
    }
}
