using FeatureStore.Registry.Model;
using FeatureStore.Registry.Planning;
using FeatureStore.Registry.Storage;

namespace FeatureStore.Registry.Tests.Storage;

// Streamed data sources: their stream block survives a commit and load unchanged, run against every store.
public abstract partial class RegistryStoreContractTests
{
    [Fact]
    public async Task Kafka_and_push_sources_round_trip_with_their_stream_settings()
    {
        var store = await OpenAsync();
        var kafka = new KafkaStreamDefinition(
            "broker1:9092,broker2:9092",
            "driver_trips",
            "featurestore-driver-trips",
            StreamMessageFormat.Protobuf,
            "4",
            TimeSpan.FromSeconds(45),
            new Dictionary<string, string> { ["2"] = "trips", ["1"] = "driver_id" },
            "driver_trips.rejected");
        var trips = new DataSourceDefinition("driver_trips", "data/driver_trips/", "event_ts", "ingested_at", Stream: new StreamDefinition(StreamKind.Kafka, kafka));
        var pushed = new DataSourceDefinition("app_events", "data/app_events/**/*.parquet", "event_ts", "ingested_at", Stream: new StreamDefinition(StreamKind.Push));
        var batch = new DataSourceDefinition("history", "data/history.parquet", "event_ts");
        var definitions = new RegistryDefinitions(Project, [], [trips, pushed, batch], [], []);

        await store.CommitAsync(Project, 0, "alice", [.. definitions.DataSources.Select(AddSource)]);
        var state = await store.LoadAsync(Project);

        var loaded = state.ToDefinitions().DataSources.ToDictionary(s => s.Name);
        Assert.Equal(RegistryJson.Serialize(trips), RegistryJson.Serialize(loaded["driver_trips"]));
        var loadedKafka = loaded["driver_trips"].Stream!.Kafka!;
        Assert.Equal(
            ("broker1:9092,broker2:9092", StreamMessageFormat.Protobuf, "4", TimeSpan.FromSeconds(45), "driver_trips.rejected", "trips"),
            (loadedKafka.BootstrapServers, loadedKafka.Format, loadedKafka.EventTimeField, loadedKafka.AllowedLateness, loadedKafka.DeadLetterTopic, loadedKafka.FieldMapping!["2"]));
        Assert.Equal(new StreamDefinition(StreamKind.Push), loaded["app_events"].Stream);
        Assert.Null(loaded["history"].Stream);
        Assert.DoesNotContain("stream", state.Find(ObjectKind.DataSource, "history")!.DefinitionJson, StringComparison.Ordinal);
        Assert.False(RegistryPlanner.Plan(definitions, state, new PlanOptions()).HasChanges);
    }

    private static ObjectWrite AddSource(DataSourceDefinition source) =>
        new(ObjectKind.DataSource, source.Name, ChangeType.Added, RegistryJson.Serialize(source), "new");
}
