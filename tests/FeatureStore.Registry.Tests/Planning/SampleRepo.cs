using FeatureStore.Registry.Model;
using FeatureStore.Registry.Storage;

namespace FeatureStore.Registry.Tests.Planning;

/// <summary>A small driver-stats repo (Feast's quickstart shape) and helpers to edit it and to fake a registry state.</summary>
internal static class SampleRepo
{
    public const string Project = "demo";

    public static EntityDefinition Driver { get; } = new("driver", [new JoinKey("driver_id", FeatureType.Int64)], Owner: "ml@corp");

    public static DataSourceDefinition DriverHourly { get; } =
        new("driver_hourly", "data/driver_hourly.parquet", "event_timestamp", "created");

    public static FeatureViewDefinition DriverStats { get; } = new(
        "driver_stats",
        ["driver"],
        [
            new FeatureDefinition("conv_rate", FeatureType.Float32),
            new FeatureDefinition("acc_rate", FeatureType.Float32),
            new FeatureDefinition("avg_daily_trips", FeatureType.Int64),
        ],
        "driver_hourly",
        "ml@corp",
        Ttl: TimeSpan.FromDays(1));

    public static FeatureServiceDefinition DriverRanking { get; } =
        new("driver_ranking", [new FeatureSelection("driver_stats", ["conv_rate"])], "ranking@corp");

    public static RegistryDefinitions Definitions { get; } =
        new(Project, [Driver], [DriverHourly], [DriverStats], [DriverRanking]);

    public static RegistryDefinitions WithView(this RegistryDefinitions defs, FeatureViewDefinition view) =>
        defs with { FeatureViews = [.. defs.FeatureViews.Where(v => v.Name != view.Name), view] };

    public static RegistryDefinitions WithEntity(this RegistryDefinitions defs, EntityDefinition entity) =>
        defs with { Entities = [.. defs.Entities.Where(e => e.Name != entity.Name), entity] };

    public static RegistryDefinitions WithSource(this RegistryDefinitions defs, DataSourceDefinition source) =>
        defs with { DataSources = [.. defs.DataSources.Where(s => s.Name != source.Name), source] };

    public static RegistryDefinitions WithService(this RegistryDefinitions defs, FeatureServiceDefinition service) =>
        defs with { FeatureServices = [.. defs.FeatureServices.Where(s => s.Name != service.Name), service] };

    public static FeatureViewDefinition WithFeature(this FeatureViewDefinition view, string name, Func<FeatureDefinition, FeatureDefinition> edit) =>
        view with { Features = [.. view.Features.Select(f => f.Name == name ? edit(f) : f)] };

    public static FeatureViewDefinition WithoutFeature(this FeatureViewDefinition view, string name) =>
        view with { Features = [.. view.Features.Where(f => f.Name != name)] };

    /// <summary>A registry state holding exactly these definitions, every object at version 1.</summary>
    public static RegistryState StateOf(RegistryDefinitions defs, long revision = 1)
    {
        var at = DateTimeOffset.UnixEpoch;
        IEnumerable<StoredObject> Stored<T>(ObjectKind kind, IEnumerable<T> items, Func<T, string> name) where T : notnull =>
            items.Select(i => new StoredObject(kind, name(i), 1, RegistryJson.Serialize(i), at));
        return new RegistryState(defs.Project, revision,
        [
            .. Stored(ObjectKind.Entity, defs.Entities, e => e.Name),
            .. Stored(ObjectKind.DataSource, defs.DataSources, s => s.Name),
            .. Stored(ObjectKind.FeatureView, defs.FeatureViews, v => v.Name),
            .. Stored(ObjectKind.FeatureService, defs.FeatureServices, s => s.Name),
        ]);
    }
}
