using FeatureStore.Registry.Model;

namespace FeatureStore.Registry.Tests.Validation;

/// <summary>A small valid definition set that each validation test breaks in one way.</summary>
internal static class SampleDefinitions
{
    public static EntityDefinition Driver { get; } = new("driver", [new JoinKey("driver_id", FeatureType.Int64)]);

    public static EntityDefinition Customer { get; } = new("customer", [new JoinKey("customer_id", FeatureType.String)]);

    public static DataSourceDefinition Source { get; } = new("trips_source", "data/trips/", "event_ts");

    public static FeatureViewDefinition DriverStats { get; } = new(
        "driver_stats",
        ["driver"],
        [new FeatureDefinition("conv_rate", FeatureType.Float32), new FeatureDefinition("trips", FeatureType.Int64)],
        "trips_source",
        "rides-ml@example.com",
        TimeSpan.FromDays(2));

    public static FeatureViewDefinition CustomerProfile { get; } = new(
        "customer_profile",
        ["customer"],
        [new FeatureDefinition("age", FeatureType.Int32, Pii: PiiClass.Personal), new FeatureDefinition("city", FeatureType.String)],
        "trips_source",
        "growth@example.com");

    public static FeatureServiceDefinition Ranking { get; } = new(
        "ranking",
        [new FeatureSelection("driver_stats", ["conv_rate"]), new FeatureSelection("customer_profile", [])],
        "ranking-team@example.com");

    public static RegistryDefinitions Valid { get; } =
        new("quickstart", [Driver, Customer], [Source], [DriverStats, CustomerProfile], [Ranking]);
}
