namespace FeatureStore.Cli.Tests;

/// <summary>Kafka and push sources through the real CLI: applied, shown by describe and list, re-planned safely when their stream changes.</summary>
public sealed class StreamSourceCommandTests : IDisposable
{
    private const string Streams = """
        data_sources:
          - name: driver_trips
            path: data/driver_trips/
            timestamp_field: event_timestamp
            created_timestamp_field: ingested_at
            stream:
              kind: kafka
              bootstrap_servers: broker1:9092
              topic: driver_trips
              consumer_group: featurestore-driver-trips
              event_time_field: ts
              field_mapping: {drv: driver_id}
          - name: app_events
            path: data/app_events/
            timestamp_field: event_timestamp
            created_timestamp_field: ingested_at
            stream: {kind: push}

        """;

    private readonly TempRepo _repo = new();

    public void Dispose() => _repo.Dispose();

    private Task<CliRunner.Result> Run(params string[] args) => CliRunner.RunAsync([.. args, "--repo", _repo.Dir]);

    private async Task ApplyStreamsAsync()
    {
        Assert.Equal(0, (await CliRunner.RunAsync("init", _repo.Dir)).ExitCode);
        await File.WriteAllTextAsync(_repo.PathOf("streams.yaml"), Streams);
        var apply = await Run("apply");
        Assert.True(apply.ExitCode == 0, apply.Error);
    }

    [Fact]
    public async Task Describe_shows_the_kafka_settings_of_a_source()
    {
        await ApplyStreamsAsync();

        var describe = await Run("describe", "driver_trips");

        Assert.Equal(0, describe.ExitCode);
        Assert.Matches(@"stream:\s+kafka\n", describe.Output);
        Assert.Matches(@"topic:\s+driver_trips\n", describe.Output);
        Assert.Matches(@"brokers:\s+broker1:9092\n", describe.Output);
        Assert.Matches(@"consumer group:\s+featurestore-driver-trips\n", describe.Output);
        Assert.Matches(@"format:\s+json\n", describe.Output);
        Assert.Matches(@"event time:\s+ts\n", describe.Output);
        Assert.Matches(@"lateness:\s+10s\n", describe.Output);
        Assert.Matches(@"field mapping:\s+drv -> driver_id\n", describe.Output);
        Assert.Matches(@"dead letters:\s+driver_trips\.dlq\n", describe.Output);
    }

    [Fact]
    public async Task Describe_shows_push_and_batch_only_sources()
    {
        await ApplyStreamsAsync();

        Assert.Matches(@"stream:\s+push \(", (await Run("describe", "app_events")).Output);
        Assert.Matches(@"stream:\s+none \(batch only\)", (await Run("describe", "driver_stats_source")).Output);
    }

    [Fact]
    public async Task List_data_sources_has_a_stream_column()
    {
        await ApplyStreamsAsync();

        var lines = (await Run("list", "data-sources")).Output.Split('\n');

        Assert.Contains("STREAM", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("driver_trips ", StringComparison.Ordinal) && l.Contains(" kafka driver_trips@broker1:9092 ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("app_events ", StringComparison.Ordinal) && l.Contains(" push ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Changing_the_topic_plans_a_safe_field_change_and_applies_without_allow_breaking()
    {
        await ApplyStreamsAsync();
        _repo.Edit("streams.yaml", "topic: driver_trips\n", "topic: driver_trips_v2\n");

        var plan = await Run("plan");
        var apply = await Run("apply");

        Assert.Equal(0, plan.ExitCode);
        Assert.Contains("stream.topic", plan.Output, StringComparison.Ordinal);
        Assert.Contains("driver_trips_v2", plan.Output, StringComparison.Ordinal);
        Assert.Equal(0, apply.ExitCode);
        Assert.Matches(@"topic:\s+driver_trips_v2\n", (await Run("describe", "driver_trips")).Output);
    }
}
