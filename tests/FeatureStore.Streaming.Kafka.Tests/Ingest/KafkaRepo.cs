using FeatureStore.Cli;
using FeatureStore.Parquet;

namespace FeatureStore.Streaming.Kafka.Tests.Ingest;

/// <summary>
/// A feature repo in a temp folder reading two Kafka topics of a mock cluster, applied with <c>featurestore apply</c>:
/// JSON source <c>driver_trips</c> (message field <c>drv</c> → driver_id, event time <c>ts</c>) and Protobuf source
/// <c>driver_pb</c> (1 → driver_id, 2 → conv_rate, 3 → event time, 4 → trips, 5 → city), read by the online views
/// <c>driver_live</c> and <c>driver_pb_live</c> (conv_rate in [0, 1]). Embedded SQLite stores.
/// </summary>
internal sealed class KafkaRepo : IDisposable
{
    private KafkaRepo(string dir, string topic, string group)
    {
        Dir = dir;
        Topic = topic;
        Group = group;
    }

    public string Dir { get; }

    /// <summary>The JSON source's topic; the Protobuf source reads <see cref="ProtobufTopic"/>.</summary>
    public string Topic { get; }

    public string ProtobufTopic => Topic + "-pb";

    /// <summary>The JSON source's consumer group.</summary>
    public string Group { get; }

    public string TripsFolder => Path.Combine(Dir, "data", "driver_trips");

    public static async Task<KafkaRepo> CreateAsync(string bootstrapServers, string? topic = null, string? group = null)
    {
        topic ??= "trips-" + Guid.NewGuid().ToString("N")[..8];
        group ??= "fs-" + topic;
        var repo = new KafkaRepo(Directory.CreateTempSubdirectory("fs-kafka-").FullName, topic, group);
        await File.WriteAllTextAsync(Path.Combine(repo.Dir, "featurestore.yaml"), "project: rides\n");
        await File.WriteAllTextAsync(Path.Combine(repo.Dir, "drivers.yaml"), $$"""
            entities:
              - name: driver
                join_keys: [{name: driver_id, type: int64}]
            data_sources:
              - name: driver_trips
                path: data/driver_trips/
                timestamp_field: event_timestamp
                created_timestamp_field: ingested_at
                stream:
                  kind: kafka
                  bootstrap_servers: {{bootstrapServers}}
                  topic: {{topic}}
                  consumer_group: {{group}}
                  format: json
                  event_time_field: ts
                  field_mapping: {drv: driver_id}
              - name: driver_pb
                path: data/driver_pb/
                timestamp_field: event_timestamp
                created_timestamp_field: ingested_at
                stream:
                  kind: kafka
                  bootstrap_servers: {{bootstrapServers}}
                  topic: {{topic}}-pb
                  consumer_group: fs-{{topic}}-pb
                  format: protobuf
                  event_time_field: "3"
                  field_mapping: {"1": driver_id, "2": conv_rate, "4": trips, "5": city}
            feature_views:
              - name: driver_live
                owner: rides-ml@example.com
                entities: [driver]
                source: driver_trips
                quality:
                  policy: fail
                  rules:
                    - {feature: conv_rate, min: 0, max: 1}
                features:
                  - {name: conv_rate, type: float64}
                  - {name: trips, type: int64}
              - name: driver_pb_live
                owner: rides-ml@example.com
                entities: [driver]
                source: driver_pb
                features:
                  - {name: conv_rate, type: float64}
                  - {name: trips, type: int64}
                  - {name: city, type: string}
            """);
        Directory.CreateDirectory(repo.TripsFolder);
        Directory.CreateDirectory(Path.Combine(repo.Dir, "data", "driver_pb"));
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync(["apply", "--repo", repo.Dir], output, error);
        Assert.True(exit == 0, error.ToString());
        return repo;
    }

    /// <summary>Every row appended to <c>driver_trips</c> but its ingestion time: (driver_id, event time, conv_rate, trips), sorted.</summary>
    public List<(long DriverId, DateTime EventTime, double? ConvRate, long? Trips)> AppendedTrips()
    {
        var rows = new List<(long, DateTime, double?, long?)>();
        foreach (var file in Directory.EnumerateFiles(TripsFolder, "*.parquet", SearchOption.AllDirectories))
        {
            using var reader = ParquetFileReader.Open(file);
            var batch = reader.ReadAll();
            var times = (Int64Column)batch["event_timestamp"];
            for (var r = 0; r < batch.RowCount; r++)
            {
                rows.Add(((long)batch["driver_id"].GetValue(r)!, TemporalValues.ToDateTime(times.Values[r], batch.Schema["event_timestamp"].Type.Unit),
                    (double?)batch["conv_rate"].GetValue(r), (long?)batch["trips"].GetValue(r)));
            }
        }

        rows.Sort();
        return rows;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Dir, recursive: true);
    }
}
