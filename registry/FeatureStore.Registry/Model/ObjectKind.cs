namespace FeatureStore.Registry.Model;

/// <summary>The kinds of object the registry stores, one namespace of names each.</summary>
public enum ObjectKind
{
    Entity,
    DataSource,
    FeatureView,
    FeatureService,

    /// <summary>An API key of a principal (only its salted hash is stored); written by <c>access key</c>, never by apply.</summary>
    AccessKey,

    /// <summary>What a principal may read; written by <c>access grant</c>, never by apply.</summary>
    Grant,
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
        ObjectKind.AccessKey => "access key",
        ObjectKind.Grant => "grant",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
