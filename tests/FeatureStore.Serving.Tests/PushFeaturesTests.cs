using System.Diagnostics;
using FeatureStore.Client;
using FeatureStore.Registry.Model;
using FeatureStore.Serving.Hosting;
using FeatureStore.Serving.V1;
using Grpc.Core;

namespace FeatureStore.Serving.Tests;

/// <summary>PushFeatures against the real server, online store and push source folder, through the C# client.</summary>
public sealed class PushFeaturesTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    public static TheoryData<ReplyEncoding> Encodings => new() { ReplyEncoding.Direct, ReplyEncoding.Generated };

    [Theory]
    [MemberData(nameof(Encodings))]
    public async Task PushedRowIsServedAndAppendedWithThePushTimeAsCreatedTimestamp(ReplyEncoding encoding)
    {
        await using var env = await PushServer.StartAsync(encoding);
        var eventTime = Now.AddMinutes(-3);

        var before = DateTimeOffset.UtcNow;
        var reply = await env.Client.PushFeaturesAsync(PushServer.Request("driver_live", PushServer.Row(7, eventTime, 0.75f, 12)));
        var after = DateTimeOffset.UtcNow;

        Assert.Equal((1, 1, 0, 0), (reply.Accepted, reply.WrittenOnline, reply.SkippedOlder, reply.Late));
        var (status, convRate, trips, servedEventTime) = await env.ReadAsync(7);
        Assert.Equal(FieldStatus.Present, status);
        Assert.Equal(0.75f, convRate);
        Assert.Equal(12, trips);
        Assert.Equal(eventTime.ToUnixTimeMilliseconds(), servedEventTime.ToUnixTimeMilliseconds());
        var appended = Assert.Single(env.AppendedRows());
        Assert.Equal((7L, 12L), (appended.DriverId, appended.Trips));
        Assert.Equal(eventTime.ToUnixTimeMilliseconds(), appended.EventTime.ToUnixTimeMilliseconds());
        Assert.InRange(appended.CreatedAt, before.AddMilliseconds(-1), after.AddMilliseconds(1));
        var file = Assert.Single(env.FilesUnderPushSource());
        Assert.Equal($"event_date={eventTime.UtcDateTime:yyyy-MM-dd}", Path.GetFileName(Path.GetDirectoryName(file)));
        Assert.StartsWith("stream-push_driver_pushes-p0-", Path.GetFileName(file), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PushedEventsFeedTheViewFreshnessGauge()
    {
        await using var env = await PushServer.StartAsync();

        await env.Client.PushFeaturesAsync(PushServer.Request("driver_live", PushServer.Row(7, DateTimeOffset.UtcNow.AddMinutes(-20), 0.5f, 1)));
        var stale = await FreshnessAsync(env, seconds => seconds >= 20 * 60);
        await env.Client.PushFeaturesAsync(PushServer.Request("driver_live", PushServer.Row(8, DateTimeOffset.UtcNow.AddSeconds(-5), 0.5f, 1)));
        var fresh = await FreshnessAsync(env, seconds => seconds < 60);

        Assert.InRange(stale, 20 * 60, 21 * 60);
        Assert.InRange(fresh, 5, 60);
    }

    /// <summary>Scrapes the server until driver_live's freshness gauge satisfies <paramref name="expected"/>, for 5 s at most; returns its last value.</summary>
    private static async Task<double> FreshnessAsync(PushServer env, Func<double, bool> expected)
    {
        const string Gauge = "featurestore_view_freshness_seconds{view=\"driver_live\"}";
        var clock = Stopwatch.StartNew();
        double? value = null;
        while (clock.Elapsed < TimeSpan.FromSeconds(5))
        {
            if ((await MetricsTests.ScrapeAsync(env.Server.MetricsAddress!)).TryGetValue(Gauge, out var scraped))
            {
                value = scraped;
                if (expected(scraped))
                    break;
            }

            await Task.Delay(50);
        }

        return value ?? throw new Xunit.Sdk.XunitException($"{Gauge} was not exported within 5 s");
    }

    [Fact]
    public async Task AnOlderEventPushedAfterANewerOneLeavesTheNewerOnlineAndBothOffline()
    {
        await using var env = await PushServer.StartAsync();

        var newer = await env.Client.PushFeaturesAsync(PushServer.Request("driver_live", PushServer.Row(7, Now.AddMinutes(-1), 0.9f, 20)));
        var older = await env.Client.PushFeaturesAsync(PushServer.Request("driver_live", PushServer.Row(7, Now.AddMinutes(-30), 0.1f, 2)));

        Assert.Equal((1, 1, 0), (newer.Accepted, newer.WrittenOnline, newer.SkippedOlder));
        Assert.Equal((1, 0, 1), (older.Accepted, older.WrittenOnline, older.SkippedOlder));
        Assert.Equal(1, older.Late);
        var (_, convRate, trips, _) = await env.ReadAsync(7);
        Assert.Equal((0.9f, 20L), (convRate, trips));
        Assert.Equal([2L, 20L], env.AppendedRows().Select(r => r.Trips).Order());
    }

    [Fact]
    public async Task OneCallWithRowsOfTheSameEntityKeepsTheNewestEvent()
    {
        await using var env = await PushServer.StartAsync();

        var reply = await env.Client.PushFeaturesAsync(PushServer.Request("driver_live",
            PushServer.Row(8, Now.AddMinutes(-2), 0.5f, 5),
            PushServer.Row(8, Now.AddMinutes(-9), 0.2f, 1),
            PushServer.Row(9, Now.AddMinutes(-4), 0.3f, 3)));

        Assert.Equal(3, reply.Accepted);
        Assert.Equal(3, reply.WrittenOnline + reply.SkippedOlder);
        Assert.Equal(5, (await env.ReadAsync(8)).Trips);
        Assert.Equal(3, (await env.ReadAsync(9)).Trips);
        Assert.Equal(3, env.AppendedRows().Count);
    }

    [Fact]
    public async Task BadRowsRefuseTheWholeCallNamingTheFirstThreeAndWriteNothing()
    {
        await using var env = await PushServer.StartAsync();
        var wrongType = PushServer.Row(11, Now, 0.4f, 4);
        wrongType.Columns["trips"] = new Value { StringVal = "many" };
        var noKey = PushServer.Row(12, Now, 0.4f, 4);
        noKey.Columns.Remove("driver_id");
        var noTime = PushServer.Row(13, Now, 0.4f, 4);
        noTime.Columns.Remove("event_timestamp");
        var alsoWrong = PushServer.Row(14, Now, 0.4f, 4);
        alsoWrong.Columns["conv_rate"] = new Value { StringVal = "high" };

        var error = await Assert.ThrowsAsync<FeatureServingException>(() => env.Client.PushFeaturesAsync(
            PushServer.Request("driver_live", PushServer.Row(10, Now, 0.4f, 4), wrongType, noKey, noTime, alsoWrong)));

        Assert.Equal(StatusCode.InvalidArgument, error.Status);
        Assert.Equal(
            "push to feature view 'driver_live' refused, nothing written (4 of the rows are bad): " +
            "row 1: view driver_live: field trips: expected int64, got \"many\"; " +
            "row 2: view driver_live: missing join key driver_id; " +
            "row 3: missing event time field event_timestamp and 1 more bad row",
            error.Detail);
        Assert.Equal(FieldStatus.Missing, (await env.ReadAsync(10)).Status);
        Assert.Empty(env.FilesUnderPushSource());
    }

    [Fact]
    public async Task AnUnknownColumnIsABadRowNamingTheSourceColumns()
    {
        await using var env = await PushServer.StartAsync();
        var typo = PushServer.Row(10, Now, 0.4f, 4);
        typo.Columns["conv_rat"] = new Value { FloatVal = 1 };

        var error = await Assert.ThrowsAsync<FeatureServingException>(() => env.Client.PushFeaturesAsync(PushServer.Request("driver_live", typo)));

        Assert.Equal(StatusCode.InvalidArgument, error.Status);
        Assert.Contains("row 0: unknown column 'conv_rat' (data source 'driver_pushes' has city, conv_rate, driver_id, event_timestamp, ingested_at, trips)", error.Detail, StringComparison.Ordinal);
        Assert.Empty(env.FilesUnderPushSource());
    }

    [Fact]
    public async Task UnknownViewBatchViewAndNoRowsAreRefusedWithTheirStatus()
    {
        await using var env = await PushServer.StartAsync();
        var row = PushServer.Row(10, Now, 0.4f, 4);

        var unknown = await Assert.ThrowsAsync<FeatureServingException>(() => env.Client.PushFeaturesAsync(PushServer.Request("driver_gone", row)));
        var batch = await Assert.ThrowsAsync<FeatureServingException>(() => env.Client.PushFeaturesAsync(PushServer.Request("driver_stats", row)));
        var empty = await Assert.ThrowsAsync<FeatureServingException>(() => env.Client.PushFeaturesAsync(PushServer.Request("driver_live")));

        Assert.Equal((StatusCode.NotFound, "feature view 'driver_gone' is not registered in project 'rides'"), (unknown.Status, unknown.Detail));
        Assert.Equal(StatusCode.FailedPrecondition, batch.Status);
        Assert.Equal(
            "feature view 'driver_stats' reads data source 'driver_source', which is a batch source; only sources with 'stream: {kind: push}' take pushes",
            batch.Detail);
        Assert.Equal((StatusCode.InvalidArgument, "push to feature view 'driver_live' has no rows"), (empty.Status, empty.Detail));
    }

    [Fact]
    public async Task AKafkaSourceTakesNoPushes()
    {
        var kafka = new KafkaStreamDefinition("127.0.0.1:9092", "driver_trips", "fs", StreamMessageFormat.Json, "ts", KafkaStreamDefinition.DefaultAllowedLateness);
        await using var env = await PushServer.StartAsync(definitions: PushServer.Definitions(new StreamDefinition(StreamKind.Kafka, kafka)));

        var error = await Assert.ThrowsAsync<FeatureServingException>(() =>
            env.Client.PushFeaturesAsync(PushServer.Request("driver_live", PushServer.Row(10, Now, 0.4f, 4))));

        Assert.Equal(StatusCode.FailedPrecondition, error.Status);
        Assert.Contains("which is a kafka stream source; only sources with 'stream: {kind: push}' take pushes", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PushFollowsTheServersRegistryRefresh()
    {
        await using var env = await PushServer.StartAsync(definitions: PushServer.Definitions(stream: null));
        var batchOnly = await Assert.ThrowsAsync<FeatureServingException>(() =>
            env.Client.PushFeaturesAsync(PushServer.Request("driver_live", PushServer.Row(10, Now, 0.4f, 4))));
        Assert.Equal(StatusCode.FailedPrecondition, batchOnly.Status);

        await ServingEnvironment.ApplyAsync(env.Registry, PushServer.Definitions(new StreamDefinition(StreamKind.Push)));
        var clock = Stopwatch.StartNew();
        while (env.Server.Snapshots.Current!.Revision < 2 && clock.Elapsed < TimeSpan.FromSeconds(10))
            await Task.Delay(50);
        var reply = await env.Client.PushFeaturesAsync(PushServer.Request("driver_live", PushServer.Row(10, Now, 0.4f, 4)));

        Assert.Equal(1, reply.WrittenOnline);
        Assert.Equal(4, (await env.ReadAsync(10)).Trips);
    }

    [Fact]
    public async Task PushesAreCountedInTheServersMetrics()
    {
        await using var env = await PushServer.StartAsync();
        await env.Client.PushFeaturesAsync(PushServer.Request("driver_live", PushServer.Row(10, Now, 0.4f, 4), PushServer.Row(11, Now, 0.5f, 5)));

        using var http = new HttpClient();
        var text = await http.GetStringAsync(new Uri(env.Server.MetricsAddress!, "/metrics"));

        Assert.Contains("featurestore_ingest_records_total{source=\"driver_pushes\",outcome=\"accepted\"} 2", text, StringComparison.Ordinal);
        Assert.Contains("featurestore_ingest_offline_rows_appended_total{source=\"driver_pushes\"} 2", text, StringComparison.Ordinal);
        Assert.Contains("featurestore_grpc_request_duration_seconds_count{method=\"PushFeatures\",code=\"OK\"} 1", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AServerWithoutARepoFolderRefusesPushes()
    {
        await using var env = await ServingEnvironment.StartAsync();

        var error = await Assert.ThrowsAsync<FeatureServingException>(() =>
            env.Client.PushFeaturesAsync(PushServer.Request("driver_stats", PushServer.Row(10, Now, 0.4f, 4))));

        Assert.Equal(StatusCode.FailedPrecondition, error.Status);
        Assert.Contains("without a feature repo folder", error.Detail, StringComparison.Ordinal);
    }
}
