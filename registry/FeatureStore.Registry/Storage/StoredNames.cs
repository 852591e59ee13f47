using FeatureStore.Registry.Model;

namespace FeatureStore.Registry.Storage;

/// <summary>Stable text spellings of kinds and change types in store tables (never the enum's numeric value).</summary>
internal static class StoredNames
{
    public static string Of(ObjectKind kind) => kind switch
    {
        ObjectKind.Entity => "entity",
        ObjectKind.DataSource => "data_source",
        ObjectKind.FeatureView => "feature_view",
        ObjectKind.FeatureService => "feature_service",
        ObjectKind.AccessKey => "access_key",
        ObjectKind.Grant => "grant",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static string Of(ChangeType change) => change switch
    {
        ChangeType.Added => "added",
        ChangeType.Changed => "changed",
        ChangeType.Removed => "removed",
        _ => throw new ArgumentOutOfRangeException(nameof(change)),
    };

    public static ObjectKind ParseKind(string text) => text switch
    {
        "entity" => ObjectKind.Entity,
        "data_source" => ObjectKind.DataSource,
        "feature_view" => ObjectKind.FeatureView,
        "feature_service" => ObjectKind.FeatureService,
        "access_key" => ObjectKind.AccessKey,
        "grant" => ObjectKind.Grant,
        _ => throw new RegistryStoreException($"registry store holds an unknown object kind '{text}'"),
    };

    public static ChangeType ParseChange(string text) => text switch
    {
        "added" => ChangeType.Added,
        "changed" => ChangeType.Changed,
        "removed" => ChangeType.Removed,
        _ => throw new RegistryStoreException($"registry store holds an unknown change type '{text}'"),
    };
}
