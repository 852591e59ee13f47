using System.Globalization;
using FeatureStore.Protos.Wire;
using FeatureStore.Serving.Hosting;

namespace FeatureStore.Benchmarks;

/// <summary>
/// Where server time goes, from the server's own histograms (count and sum): whole GetOnlineFeatures calls (OK) and
/// the online store read inside them; the difference of two readings covers one run.
/// </summary>
internal readonly record struct ServerTimes(long Calls, double CallSeconds, long Reads, double ReadSeconds)
{
    public static ServerTimes Read(FeatureServer server)
    {
        var (calls, callSum) = server.Metrics.Latency(0, GrpcStatusCode.OK).Read();
        var (reads, readSum) = server.Metrics.OnlineStoreReadLatency.Read();
        return new ServerTimes(calls[^1], callSum, reads[^1], readSum);
    }

    public static ServerTimes operator -(ServerTimes a, ServerTimes b) =>
        new(a.Calls - b.Calls, a.CallSeconds - b.CallSeconds, a.Reads - b.Reads, a.ReadSeconds - b.ReadSeconds);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{(Calls == 0 ? 0 : CallSeconds * 1000 / Calls):F3} / {(Reads == 0 ? 0 : ReadSeconds * 1000 / Reads):F3}");
}
