using System.Diagnostics;
using System.Globalization;
using FeatureStore.Online;
using FeatureStore.Sdk.Client;
using FeatureStore.Serving.Hosting;
using FeatureStore.Serving.V1;
using Google.Protobuf;

namespace FeatureStore.Benchmarks;

/// <summary>
/// Where the time of one call goes without queueing: N calls one after another (closed loop), timing with Stopwatch
/// the client's whole call, the server's own call and store-read histograms, the direct store read, and protobuf
/// encode/decode of the same reply. Printed before the open-loop runs of a case.
/// </summary>
internal static class ServingProfile
{
    public static async Task PrintAsync(FeatureServer server, FeatureServingClient client, IOnlineStore online, GetOnlineFeaturesRequest[] requests, OnlineReadRequest[][] reads, int calls)
    {
        GetOnlineFeaturesResponse? last = null;
        var before = ServerTimes.Read(server);
        var clientTicks = 0L;
        for (var i = 0; i < calls; i++)
        {
            var start = Stopwatch.GetTimestamp();
            last = await client.GetOnlineFeaturesAsync(requests[i % requests.Length]);
            clientTicks += Stopwatch.GetTimestamp() - start;
        }

        var inside = ServerTimes.Read(server) - before;
        var storeTicks = 0L;
        for (var i = 0; i < calls; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await online.ReadAsync(reads[i % reads.Length]);
            storeTicks += Stopwatch.GetTimestamp() - start;
        }

        var bytes = last!.ToByteArray();
        var codec = Stopwatch.StartNew();
        for (var i = 0; i < calls; i++)
            GetOnlineFeaturesResponse.Parser.ParseFrom(last.ToByteArray());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"closed loop, {calls} calls one at a time, mean ms: client call {Ms(clientTicks, calls):F3}; server call / store read inside it {inside}; " +
            $"direct store read {Ms(storeTicks, calls):F3}; reply {bytes.Length:N0} bytes, protobuf encode+decode {codec.Elapsed.TotalMilliseconds / calls:F3}"));
    }

    private static double Ms(long ticks, int calls) => ticks * 1000.0 / Stopwatch.Frequency / calls;
}
