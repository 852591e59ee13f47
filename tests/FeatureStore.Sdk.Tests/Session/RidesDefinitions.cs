using FeatureStore.Registry.Model;
using FeatureStore.Sdk.Definitions;

namespace FeatureStore.Sdk.Tests.Session;

/// <summary>The sample repo's YAML definitions (sdk/FeatureStore.Cli/Sample/SampleDefinitions.cs), declared in C#.</summary>
internal static class RidesDefinitions
{
    public static RegistryDefinitions Build(string project = "rides", FeatureType convRateType = FeatureType.Float32, int driverStatsVersion = 1)
    {
        var repo = new FeatureRepository(project);
        var driver = repo.Entity("driver", e => e.Description("A driver on the platform").Owner("rides-ml@example.com").JoinKey("driver_id", FeatureType.Int64));
        var customer = repo.Entity("customer", e => e.Description("A rider with an account").Owner("growth-ml@example.com").JoinKey("customer_id", FeatureType.String));
        var stats = repo.ParquetSource("driver_stats_source", "data/driver_stats.parquet", "event_timestamp",
            s => s.Description("Hourly driver statistics from the trips pipeline").CreatedTimestampField("created_timestamp"));
        var embeddings = repo.ParquetSource("driver_embeddings_source", "data/driver_embeddings.parquet", "event_timestamp",
            s => s.Description("Weekly driver embeddings from the ranking model"));
        var profiles = repo.ParquetSource("customer_profile_source", "data/customer_profile/", "event_timestamp",
            s => s.Description("Daily customer profile snapshots, partitioned by date").CreatedTimestampField("created_timestamp"));
        var hourly = repo.FeatureView("driver_hourly_stats", v => v
            .Description("How a driver performed in the last hour").Owner("rides-ml@example.com")
            .Entities(driver).Source(stats).Ttl(TimeSpan.FromDays(2)).Online().Version(driverStatsVersion)
            .Tag("team", "rides").Tag("tier", "gold")
            .Quality(QualityPolicy.Quarantine, q => q.Rule("conv_rate", notNull: true, min: 0, max: 1).Rule("acc_rate", notNull: true, min: 0, max: 1))
            .Feature("conv_rate", convRateType, f => f.Description("Share of offers that became trips"))
            .Feature("acc_rate", FeatureType.Float32, f => f.Description("Share of offers accepted"))
            .Feature("avg_daily_trips", FeatureType.Int32, f => f.Description("Trips per day over the last week"))
            .Feature("rating", FeatureType.Float64, f => f.Description("Average rider rating")));
        var embedding = repo.FeatureView("driver_embedding", v => v
            .Description("Learned representation of a driver for ranking").Owner("rides-ml@example.com")
            .Entities(driver).Source(embeddings).Online()
            .Feature("embedding", FeatureType.Float32List, f => f.Description("8-dimensional unit vector")));
        var profile = repo.FeatureView("customer_profile", v => v
            .Description("What we know about a rider").Owner("growth-ml@example.com")
            .Entities(customer).Source(profiles).Ttl(TimeSpan.FromDays(30)).Online().Tag("team", "growth")
            .Feature("age", FeatureType.Int32, f => f.Pii(PiiClass.Personal).Description("Age in years"))
            .Feature("home_city", FeatureType.String, f => f.Pii(PiiClass.Personal).Description("City of the home address"))
            .Feature("credit_score", FeatureType.Int32, f => f.Pii(PiiClass.Sensitive).Description("Bureau credit score"))
            .Feature("lifetime_value", FeatureType.Float64, f => f.Description("Total spend in EUR")));
        repo.FeatureService("driver_ranking", s => s.Description("Features of the driver ranking model").Owner("rides-ml@example.com")
            .Select(hourly, "conv_rate", "acc_rate", "avg_daily_trips").SelectAll(embedding));
        repo.FeatureService("customer_risk", s => s.Description("Features of the payment risk model").Owner("risk-ml@example.com")
            .Select(profile, "age", "credit_score", "lifetime_value"));
        return repo.Build();
    }
}
