using FeatureStore.Registry.Model;
using FeatureStore.Sdk.Definitions;

namespace FeatureStore.Sdk.Tests.Definitions;

/// <summary>The same realistic definitions twice: as a YAML repo and through the C# definition API.</summary>
internal static class RealisticRepo
{
    public const string EntitiesAndSources = """
        entities:
          - name: driver
            join_keys: [{name: driver_id, type: int64}]
            description: A driver of the rides platform
            owner: rides@example.com
            tags: {tier: gold, team: rides}
          - name: store_product
            join_keys:
              - {name: store_id, type: string}
              - {name: product_id, type: int32}
            description: A product in one store
        data_sources:
          - name: driver_stats_source
            path: data/driver_stats/
            timestamp_field: event_ts
            created_timestamp_field: created_ts
            field_mapping: {conv_rate_raw: conv_rate, acc_raw: acc_rate}
            tags: {format: parquet}
          - name: inventory_source
            path: "data/inventory/*.parquet"
            timestamp_field: snapshot_ts
            description: Nightly inventory snapshots
            owner: retail@example.com
        """;

    public const string ViewsAndServices = """
        feature_views:
          - name: driver_stats
            entities: [driver]
            source: driver_stats_source
            ttl: 2d
            owner: rides-ml@example.com
            description: Hourly driver statistics
            tags: {team: rides}
            as_of_created: true
            quality:
              policy: quarantine
              max_null_fraction: 0.25
              rules:
                - {feature: conv_rate, not_null: true, min: 0, max: 1}
                - {feature: avg_daily_trips, min: 0}
            features:
              - {name: conv_rate, type: float32, description: Share of offers accepted}
              - {name: acc_rate, type: float64}
              - {name: avg_daily_trips, type: int64, tags: {unit: trips}}
          - name: driver_profile
            entities: [driver]
            source: driver_stats_source
            ttl: 1d12h
            online: false
            owner: rides-ml@example.com
            version: 2
            quality:
              policy: warn
              rules:
                - {feature: home_city, allowed: [London, Paris]}
            features:
              - {name: home_city, type: string, pii: personal}
              - {name: date_of_birth, type: timestamp, pii: sensitive}
              - {name: embedding, type: list<float32>}
          - name: stock
            entities: [store_product]
            source: inventory_source
            owner: retail@example.com
            features:
              - {name: units_on_hand, type: int64}
              - {name: restocked, type: bool}
        feature_services:
          - name: driver_ranking
            owner: ranking@example.com
            description: Features of the ranking model
            tags: {model: ranker_v3}
            features:
              - driver_stats: [conv_rate, acc_rate]
              - driver_profile: "*"
          - name: stock_alerts
            owner: retail@example.com
            features:
              - stock: "*"
        """;

    public static RegistryDefinitions BuildInCode()
    {
        var repo = new FeatureRepository("rides");
        var driver = repo.Entity("driver", e => e
            .JoinKey("driver_id", FeatureType.Int64)
            .Description("A driver of the rides platform")
            .Owner("rides@example.com")
            .Tag("team", "rides")
            .Tag("tier", "gold"));
        var storeProduct = repo.Entity("store_product", e => e
            .JoinKey("store_id", FeatureType.String)
            .JoinKey("product_id", FeatureType.Int32)
            .Description("A product in one store"));

        var driverSource = repo.ParquetSource("driver_stats_source", "data/driver_stats/", timestampField: "event_ts", s => s
            .CreatedTimestampField("created_ts")
            .MapField("acc_raw", "acc_rate")
            .MapField("conv_rate_raw", "conv_rate")
            .Tag("format", "parquet"));
        var inventory = repo.ParquetSource("inventory_source", "data/inventory/*.parquet", "snapshot_ts", s => s
            .Description("Nightly inventory snapshots")
            .Owner("retail@example.com"));

        var stats = repo.FeatureView("driver_stats", v => v
            .Entities(driver).Source(driverSource).Ttl(TimeSpan.FromDays(2))
            .Owner("rides-ml@example.com").Description("Hourly driver statistics").Tag("team", "rides")
            .AsOfCreated()
            .Quality(QualityPolicy.Quarantine, q => q
                .MaxNullFraction(0.25)
                .Rule("conv_rate", notNull: true, min: 0, max: 1)
                .Rule("avg_daily_trips", min: 0))
            .Feature("conv_rate", FeatureType.Float32, f => f.Description("Share of offers accepted"))
            .Feature("acc_rate", FeatureType.Float64)
            .Feature("avg_daily_trips", FeatureType.Int64, f => f.Tag("unit", "trips")));
        var profile = repo.FeatureView("driver_profile", v => v
            .Entities(driver).Source(driverSource).Ttl(TimeSpan.FromHours(36)).Online(false)
            .Owner("rides-ml@example.com").Version(2)
            .Quality(QualityPolicy.Warn, q => q.Rule("home_city", allowed: ["London", "Paris"]))
            .Feature("home_city", FeatureType.String, f => f.Pii(PiiClass.Personal))
            .Feature("date_of_birth", FeatureType.Timestamp, f => f.Pii(PiiClass.Sensitive))
            .Feature("embedding", FeatureType.Float32List));
        var stock = repo.FeatureView("stock", v => v
            .Entities(storeProduct).Source(inventory).Owner("retail@example.com")
            .Feature("units_on_hand", FeatureType.Int64)
            .Feature("restocked", FeatureType.Bool));

        repo.FeatureService("driver_ranking", s => s
            .Owner("ranking@example.com").Description("Features of the ranking model").Tag("model", "ranker_v3")
            .Select(stats, "conv_rate", "acc_rate")
            .SelectAll(profile));
        repo.FeatureService("stock_alerts", s => s.Owner("retail@example.com").SelectAll(stock));

        return repo.Build();
    }
}
