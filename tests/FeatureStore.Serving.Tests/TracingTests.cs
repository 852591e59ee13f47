using System.Diagnostics;
using FeatureStore.Serving.Tracing;
using FeatureStore.Serving.V1;
using Grpc.Core;
using Grpc.Net.Client;
using OpenTelemetry.Trace;
using StatusCode = Grpc.Core.StatusCode;

namespace FeatureStore.Serving.Tests;

/// <summary>
/// Tracing configured through <see cref="Hosting.FeatureServerOptions.Tracing"/>, exported with OpenTelemetry's
/// in-memory exporter: the caller's trace continues in a server span per call with a child span per store read.
/// Activity listeners are process-wide: spans are picked by the trace id each test sends, and the collection runs alone
/// so its listeners cannot add allocations to <see cref="AllocationBudgetTests"/>.
/// </summary>
[Collection(nameof(TracingTests))]
public sealed class TracingTests
{
    [Fact]
    public async Task CallContinuesTheCallersTraceWithAServerSpanAndAChildStoreReadSpan()
    {
        var exported = new List<Activity>();
        await using var env = await ServingEnvironment.StartAsync(configure: o => o with { Tracing = t => t.AddInMemoryExporter(exported) });
        var traceId = ActivityTraceId.CreateRandom();
        var callerSpan = ActivitySpanId.CreateRandom();
        using var channel = GrpcChannel.ForAddress(env.Server.Address);
        var client = new FeatureServing.FeatureServingClient(channel);
        var request = new GetOnlineFeaturesRequest { Features = new FeatureList { Val = { "driver_stats:trips" } } };
        request.Entities["driver_id"] = new RepeatedValue { Val = { new Value { Int64Val = 1001 }, new Value { Int64Val = 1003 } } };

        var reply = await client.GetOnlineFeaturesAsync(request, new Metadata { { "traceparent", $"00-{traceId}-{callerSpan}-01" } });

        Assert.Equal(2, reply.Results[0].Values.Count);
        var spans = await SpansOfTraceAsync(exported, traceId, expected: 2);
        var server = Assert.Single(spans, s => s.Kind == ActivityKind.Server);
        var storeRead = Assert.Single(spans, s => s.OperationName == ServingTracing.StoreReadSpan);
        Assert.Equal(callerSpan, server.ParentSpanId);
        Assert.Equal(server.SpanId, storeRead.ParentSpanId);
        Assert.Equal(ActivityKind.Client, storeRead.Kind);
        Assert.Equal(2, storeRead.GetTagItem("featurestore.entity_rows"));
        Assert.Equal(1, storeRead.GetTagItem("featurestore.views"));
        Assert.Equal("featurestore.serving.v1.FeatureServing/GetOnlineFeatures", server.GetTagItem("grpc.method")?.ToString()?.TrimStart('/'));
        Assert.Equal("0", server.GetTagItem("grpc.status_code")?.ToString());
    }

    [Fact]
    public async Task FailedCallMarksItsServerSpanWithTheGrpcStatus()
    {
        var exported = new List<Activity>();
        await using var env = await ServingEnvironment.StartAsync(configure: o => o with { Tracing = t => t.AddInMemoryExporter(exported) });
        var traceId = ActivityTraceId.CreateRandom();
        using var channel = GrpcChannel.ForAddress(env.Server.Address);
        var client = new FeatureServing.FeatureServingClient(channel);
        var request = new GetOnlineFeaturesRequest { Features = new FeatureList { Val = { "no_such_view:x" } } };
        request.Entities["driver_id"] = new RepeatedValue { Val = { new Value { Int64Val = 1001 } } };

        var error = await Assert.ThrowsAsync<RpcException>(() => client.GetOnlineFeaturesAsync(
            request, new Metadata { { "traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01" } }).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        var server = Assert.Single(await SpansOfTraceAsync(exported, traceId, expected: 1));
        Assert.Equal(((int)StatusCode.NotFound).ToString(System.Globalization.CultureInfo.InvariantCulture), server.GetTagItem("grpc.status_code")?.ToString());
    }

    // A span is exported when it ends, which for the server span is after the reply reached the client.
    private static async Task<List<Activity>> SpansOfTraceAsync(List<Activity> exported, ActivityTraceId traceId, int expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            List<Activity> spans;
            lock (exported)
            {
                spans = [.. exported.Where(a => a.TraceId == traceId)];
            }

            if (spans.Count >= expected || DateTime.UtcNow > deadline)
                return spans;
            await Task.Delay(20);
        }
    }
}

[CollectionDefinition(nameof(TracingTests), DisableParallelization = true)]
public sealed class TracingTestsCollection;
