using System.Diagnostics;
using System.Globalization;
using FeatureStore.Online;
using FeatureStore.Client;
using FeatureStore.Client.Reply;
using FeatureStore.Serving.V1;
using Google.Protobuf;

namespace FeatureStore.Benchmarks;

/// <summary>
/// Where the time of one call goes without queueing: N calls one after another (closed loop), timing with Stopwatch
/// the client's whole call, the server's own call and store-read histograms (its metrics endpoint), the direct store
/// read, and decoding of the same reply. Bytes allocated are this process's: client and server when the server runs in
/// it, the client alone otherwise. Printed per server before the open-loop runs of a case.
/// </summary>
internal static class ServingProfile
{
    public static async Task<ServerTimes> PrintAsync(ServingTarget target, HttpClient http, IOnlineStore online, OnlineFeatureQuery[] queries, OnlineReadRequest[][] reads, int calls)
    {
        var client = target.Client;
        var before = await ServerTimes.ScrapeAsync(http, target.Server.MetricsAddress);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clientTicks = 0L;
        using var sampler = new AllocationSampler();
        sampler.Start();
        for (var i = 0; i < calls; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await client.GetOnlineFeaturesAsync(queries[i % queries.Length]);
            clientTicks += Stopwatch.GetTimestamp() - start;
        }

        var topTypes = sampler.Stop(8);

        var inside = await ServerTimes.ScrapeAsync(http, target.Server.MetricsAddress) - before;
        var callBytes = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / calls;
        allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var storeTicks = 0L;
        sampler.Start();
        for (var i = 0; i < calls; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await online.ReadAsync(reads[i % reads.Length]);
            storeTicks += Stopwatch.GetTimestamp() - start;
        }

        var topStoreTypes = sampler.Stop(8);

        var storeBytes = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / calls;
        var bytes = (await client.GetOnlineFeaturesAsync(queries[0].ToRequest())).ToByteArray();
        var generated = Stopwatch.StartNew();
        for (var i = 0; i < calls; i++)
            GetOnlineFeaturesResponse.Parser.ParseFrom(bytes);
        generated.Stop();
        var reader = Stopwatch.StartNew();
        for (var i = 0; i < calls; i++)
            OnlineFeaturesReplyReader.Read(bytes, 0, bytes.Length, DateTimeOffset.UtcNow);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{target.Server.Name}: closed loop, {calls} calls one at a time, mean ms: client call {Ms(clientTicks, calls):F3}; server call / store read inside it {inside}; " +
            $"direct store read {Ms(storeTicks, calls):F3}; reply {bytes.Length:N0} bytes, decode: generated parser {generated.Elapsed.TotalMilliseconds / calls:F3}, client reader {reader.Elapsed.TotalMilliseconds / calls:F3}; " +
            $"allocated per call in this process: {(target.Server.CpuIncludesClient ? "client + server" : "client")} {callBytes / 1024.0:N0} KB, direct store read {storeBytes / 1024.0:N0} KB"));
        PrintTypes("the calls", topTypes);
        PrintTypes("the direct store reads", topStoreTypes);
        return inside;
    }

    private static void PrintTypes(string what, IReadOnlyList<(string Type, double Share)> types) =>
        Console.WriteLine($"  sampled allocations of {what} by type: " +
            string.Join(", ", types.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Type} {t.Share:P0}"))));

    private static double Ms(long ticks, int calls) => ticks * 1000.0 / Stopwatch.Frequency / calls;
}
