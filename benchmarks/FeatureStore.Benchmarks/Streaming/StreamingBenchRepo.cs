using System.Globalization;

namespace FeatureStore.Benchmarks.Streaming;

/// <summary>The benchmark's feature repo: one JSON Kafka source (drv → driver_id, event time ts) read by one online view of two features, online store Redis.</summary>
internal static class StreamingBenchRepo
{
    public const string Source = "bench_events";
    public const string View = "bench_live";

    public static void Write(string dir, string project, string redis, string bootstrapServers, string topic)
    {
        Directory.CreateDirectory(Path.Combine(dir, "data", "events"));
        File.WriteAllText(Path.Combine(dir, "featurestore.yaml"), string.Create(CultureInfo.InvariantCulture,
            $"project: {project}\nonline_store: {{type: redis, connection_string: \"{redis}\"}}\n"));
        File.WriteAllText(Path.Combine(dir, "bench.yaml"), $$"""
            entities:
              - name: driver
                join_keys: [{name: driver_id, type: int64}]
            data_sources:
              - name: {{Source}}
                path: data/events/
                timestamp_field: event_timestamp
                created_timestamp_field: ingested_at
                stream:
                  kind: kafka
                  bootstrap_servers: {{bootstrapServers}}
                  topic: {{topic}}
                  consumer_group: bench-{{topic}}
                  format: json
                  event_time_field: ts
                  field_mapping: {drv: driver_id}
            feature_views:
              - name: {{View}}
                owner: bench@example.com
                entities: [driver]
                source: {{Source}}
                features:
                  - {name: conv_rate, type: float64}
                  - {name: trips, type: int64}
            """);
    }
}
