namespace FeatureStore.Registry.Model;

/// <summary>The kinds of object the registry stores, one namespace of names each.</summary>
public enum ObjectKind
{
    Entity,
    DataSource,
    FeatureView,
    FeatureService,
}

public static class ObjectKinds
{
    /// <summary>Human spelling used in messages and the CLI: "entity", "data source", "feature view", "feature service".</summary>
    public static string Label(this ObjectKind kind) => kind switch
    {
        ObjectKind.Entity => "entity",
        ObjectKind.DataSource => "data source",
        ObjectKind.FeatureView => "feature view",
        ObjectKind.FeatureService => "feature service",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
