using FeatureStore.Registry.Model;

namespace FeatureStore.Serving.Tests;

/// <summary>The feature repo the tests serve: drivers (int64 key, 1 h TTL) and customers (string key, no TTL).</summary>
internal static class TestDefinitions
{
    public const string Project = "rides";

    public static readonly FeatureViewDefinition DriverStats = new(
        "driver_stats",
        ["driver"],
        [
            new FeatureDefinition("conv_rate", FeatureType.Float32),
            new FeatureDefinition("trips", FeatureType.Int64),
            new FeatureDefinition("city", FeatureType.String),
        ],
        "driver_source",
        "ml@example.com",
        Ttl: TimeSpan.FromHours(1));

    public static readonly FeatureViewDefinition CustomerProfile = new(
        "customer_profile",
        ["customer"],
        [
            new FeatureDefinition("age", FeatureType.Int32),
            new FeatureDefinition("embedding", FeatureType.Float64List),
            new FeatureDefinition("trips", FeatureType.Int64),
        ],
        "customer_source",
        "ml@example.com");

    public static RegistryDefinitions Definitions(params FeatureServiceDefinition[] extraServices) => new(
        Project,
        [
            new EntityDefinition("driver", [new JoinKey("driver_id", FeatureType.Int64)]),
            new EntityDefinition("customer", [new JoinKey("customer_id", FeatureType.String)]),
        ],
        [
            new DataSourceDefinition("driver_source", "data/drivers.parquet", "event_timestamp"),
            new DataSourceDefinition("customer_source", "data/customers.parquet", "event_timestamp"),
        ],
        [CustomerProfile, DriverStats],
        [
            new FeatureServiceDefinition(
                "ride_ranking",
                [new FeatureSelection("driver_stats", ["conv_rate", "trips"]), new FeatureSelection("customer_profile", ["age"])],
                "ml@example.com"),
            .. extraServices,
        ]);
}
