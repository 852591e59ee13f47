namespace FeatureStore.Cli.Sample;

/// <summary>The YAML definition files of the sample repo (see registry/README.md for the format).</summary>
internal static class SampleDefinitions
{
    public static string ProjectFile(string project) => $"""
        # Project and store settings of this feature repo.
        project: {project}
        description: Sample ride-hailing features made by 'featurestore init'
        registry:
          type: sqlite
          path: .featurestore/registry.db
        """ + "\n";

    public const string Entities = """
        entities:
          - name: driver
            description: A driver on the platform
            owner: rides-ml@example.com
            join_keys:
              - {name: driver_id, type: int64}
          - name: customer
            description: A rider with an account
            owner: growth-ml@example.com
            join_keys:
              - {name: customer_id, type: string}

        """;

    public const string Drivers = """
        data_sources:
          - name: driver_stats_source
            description: Hourly driver statistics from the trips pipeline
            path: data/driver_stats.parquet
            timestamp_field: event_timestamp
            created_timestamp_field: created_timestamp
          - name: driver_embeddings_source
            description: Weekly driver embeddings from the ranking model
            path: data/driver_embeddings.parquet
            timestamp_field: event_timestamp

        feature_views:
          - name: driver_hourly_stats
            description: How a driver performed in the last hour
            owner: rides-ml@example.com
            entities: [driver]
            source: driver_stats_source
            ttl: 2d
            online: true
            tags: {team: rides, tier: gold}
            quality:
              policy: quarantine
              rules:
                - {feature: conv_rate, not_null: true, min: 0, max: 1}
                - {feature: acc_rate, not_null: true, min: 0, max: 1}
            features:
              - {name: conv_rate, type: float32, description: Share of offers that became trips}
              - {name: acc_rate, type: float32, description: Share of offers accepted}
              - {name: avg_daily_trips, type: int32, description: Trips per day over the last week}
              - {name: rating, type: float64, description: Average rider rating}
          - name: driver_embedding
            description: Learned representation of a driver for ranking
            owner: rides-ml@example.com
            entities: [driver]
            source: driver_embeddings_source
            online: true
            features:
              - {name: embedding, type: list<float32>, description: 8-dimensional unit vector}

        """;

    /// <summary>The push source the quickstart's streaming step feeds, and the online view over it.</summary>
    public const string DriverTrips = """
        data_sources:
          - name: driver_trip_events
            description: Completed trips, pushed by the dispatch service as each one ends
            path: data/driver_trip_events/
            timestamp_field: event_timestamp
            created_timestamp_field: ingested_at
            stream: {kind: push}

        feature_views:
          - name: driver_last_trip
            description: The driver's most recently completed trip
            owner: rides-ml@example.com
            entities: [driver]
            source: driver_trip_events
            ttl: 1d
            online: true
            tags: {team: rides}
            quality:
              policy: fail
              rules:
                - {feature: fare_eur, not_null: true, min: 0}
                - {feature: distance_km, not_null: true, min: 0}
            features:
              - {name: trip_id, type: int64, description: Id of the trip}
              - {name: fare_eur, type: float64, description: What the rider paid (EUR)}
              - {name: distance_km, type: float32, description: Length of the trip (km)}

        """;

    public const string Customers = """
        data_sources:
          - name: customer_profile_source
            description: Daily customer profile snapshots, partitioned by date
            path: data/customer_profile/
            timestamp_field: event_timestamp
            created_timestamp_field: created_timestamp

        feature_views:
          - name: customer_profile
            description: What we know about a rider
            owner: growth-ml@example.com
            entities: [customer]
            source: customer_profile_source
            ttl: 30d
            online: true
            tags: {team: growth}
            features:
              - {name: age, type: int32, pii: personal, description: Age in years}
              - {name: home_city, type: string, pii: personal, description: City of the home address}
              - {name: credit_score, type: int32, pii: sensitive, description: Bureau credit score}
              - {name: lifetime_value, type: float64, description: Total spend in EUR}

        """;

    public const string Services = """
        feature_services:
          - name: driver_ranking
            description: Features of the driver ranking model
            owner: rides-ml@example.com
            features:
              - driver_hourly_stats: [conv_rate, acc_rate, avg_daily_trips]
              - driver_embedding: "*"
          - name: customer_risk
            description: Features of the payment risk model
            owner: risk-ml@example.com
            features:
              - customer_profile: [age, credit_score, lifetime_value]

        """;
}
