using System.Globalization;
using System.Text.RegularExpressions;

namespace FeatureStore.Benchmarks;

/// <summary>
/// Where server time goes, from the server's Prometheus exposition (<c>serve --metrics-port</c>): count and sum of OK
/// GetOnlineFeatures calls (<c>featurestore_grpc_request_duration_seconds</c>) and of the online store reads inside them
/// (<c>featurestore_online_store_read_duration_seconds</c>), and the calls' latency buckets, for a p99 of the server's own
/// call time (as fine as the buckets). Read the same way from a server in this process or another one; the difference
/// of two readings covers one run.
/// </summary>
internal readonly partial record struct ServerTimes(long Calls, double CallSeconds, long Reads, double ReadSeconds, (double Le, double Count)[] CallBuckets)
{
    private const string Call = "featurestore_grpc_request_duration_seconds";
    private const string Read = "featurestore_online_store_read_duration_seconds";

    public static async Task<ServerTimes> ScrapeAsync(HttpClient http, Uri metricsAddress)
    {
        var text = await http.GetStringAsync(new Uri(metricsAddress, "/metrics")).ConfigureAwait(false);
        long calls = 0, reads = 0;
        double callSeconds = 0, readSeconds = 0;
        var buckets = new SortedDictionary<double, double>();
        foreach (Match sample in Sample().Matches(text))
        {
            var name = sample.Groups["name"].Value;
            var labels = sample.Groups["labels"].Value;
            var value = double.Parse(sample.Groups["value"].Value, CultureInfo.InvariantCulture);
            if (name.StartsWith(Call, StringComparison.Ordinal) && labels.Contains("method=\"GetOnlineFeatures\"", StringComparison.Ordinal) && labels.Contains("code=\"OK\"", StringComparison.Ordinal))
            {
                if (name == Call + "_count")
                    calls += (long)value;
                else if (name == Call + "_sum")
                    callSeconds += value;
                else if (name == Call + "_bucket" && UpperBound().Match(labels) is { Success: true } le)
                {
                    var bound = le.Groups[1].Value == "+Inf" ? double.PositiveInfinity : double.Parse(le.Groups[1].Value, CultureInfo.InvariantCulture);
                    buckets[bound] = buckets.GetValueOrDefault(bound) + value;
                }
            }
            else if (name == Read + "_count")
            {
                reads += (long)value;
            }
            else if (name == Read + "_sum")
            {
                readSeconds += value;
            }
        }

        if (!text.Contains(Call, StringComparison.Ordinal))
            throw new InvalidOperationException($"{metricsAddress}metrics has no {Call}: is it a feature server's metrics endpoint?");
        return new ServerTimes(calls, callSeconds, reads, readSeconds, [.. buckets.Select(b => (b.Key, b.Value))]);
    }

    public static ServerTimes operator -(ServerTimes a, ServerTimes b) =>
        new(a.Calls - b.Calls, a.CallSeconds - b.CallSeconds, a.Reads - b.Reads, a.ReadSeconds - b.ReadSeconds,
            [.. a.CallBuckets.Select(x => (x.Le, x.Count - b.CallBuckets.FirstOrDefault(y => y.Le == x.Le).Count))]);

    public double MeanCallMs => Calls == 0 ? 0 : CallSeconds * 1000 / Calls;

    /// <summary>The server's own p99 call time, interpolated inside the bucket that holds it; 0 without calls.</summary>
    public double P99CallMs
    {
        get
        {
            var seconds = BucketQuantile.Of(CallBuckets, 0.99);
            return double.IsNaN(seconds) ? 0 : seconds * 1000;
        }
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{MeanCallMs:F3} / {(Reads == 0 ? 0 : ReadSeconds * 1000 / Reads):F3}, server p99 {P99CallMs:F2}");

    [GeneratedRegex("le=\"([^\"]+)\"")]
    private static partial Regex UpperBound();

    [GeneratedRegex(@"^(?<name>[a-z_]+)(\{(?<labels>[^}]*)\})? (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
