namespace FeatureStore.Serving.Metrics;

/// <summary>The histogram bucket upper bounds of the server's metrics.</summary>
public static class Buckets
{
    /// <summary>Latency buckets in seconds, from 50 µs to 10 s.</summary>
    public static double[] Latency { get; } =
        [0.00005, 0.0001, 0.00025, 0.0005, 0.00075, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>Count buckets (entity rows, features per request).</summary>
    public static double[] Count { get; } = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 5000];

    /// <summary>Age buckets in seconds, from 1 s to 30 days.</summary>
    public static double[] Age { get; } = [1, 10, 60, 300, 900, 3600, 6 * 3600, 24 * 3600, 7 * 24 * 3600, 30 * 24 * 3600];
}
