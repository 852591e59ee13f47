namespace FeatureStore.Benchmarks;

/// <summary>A feature server the serving benchmark drives: where to call it, where its metrics are, and its CPU time.</summary>
internal interface IBenchServer : IAsyncDisposable
{
    /// <summary>The label of its rows in the tables.</summary>
    string Name { get; }

    Uri Address { get; }

    /// <summary>Base address of its Prometheus endpoint (<c>/metrics</c> below it).</summary>
    Uri MetricsAddress { get; }

    /// <summary>Whether <see cref="Cpu"/> also counts this process's client (the server runs in it).</summary>
    bool CpuIncludesClient { get; }

    /// <summary>CPU time (user + system) used so far by the process that serves.</summary>
    TimeSpan Cpu();
}
