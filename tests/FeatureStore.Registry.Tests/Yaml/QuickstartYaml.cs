namespace FeatureStore.Registry.Tests.Yaml;

/// <summary>A valid definitions file used by loader tests; line numbers matter to the tests that break it.</summary>
internal static class QuickstartYaml
{
    public const string Definitions = """
        entities:
          - name: driver
            join_keys: [{name: driver_id, type: int64}]
            description: A driver
            owner: rides@example.com
            tags: {team: rides}
        data_sources:
          - name: driver_stats_source
            path: data/driver_stats/
            timestamp_field: event_ts
            created_timestamp_field: created_ts
            field_mapping: {conv_rate_raw: conv_rate}
        feature_views:
          - name: driver_stats
            entities: [driver]
            source: driver_stats_source
            ttl: 2d
            online: true
            owner: rides-ml@example.com
            description: Driver statistics
            tags: {}
            version: 1
            features:
              - {name: conv_rate, type: float32, description: Conversion rate, pii: none, tags: {quality: gold}}
              - {name: home_city, type: string, pii: personal}
        feature_services:
          - name: driver_ranking
            owner: ranking@example.com
            features:
              - driver_stats: [conv_rate]
        """;
}
