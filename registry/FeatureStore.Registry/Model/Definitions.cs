using System.Text.Json.Serialization;

namespace FeatureStore.Registry.Model;

// The registry's domain model: immutable records, one per declared object.
// Collections are IReadOnlyList so records stay immutable; structural comparison
// goes through RegistryJson (canonical JSON), not record equality.

/// <summary>A typed join key of an entity.</summary>
public sealed record JoinKey(string Name, FeatureType Type);

/// <summary>The thing features describe (a driver, a customer...), identified by one or more join keys.</summary>
public sealed record EntityDefinition(
    string Name,
    IReadOnlyList<JoinKey> JoinKeys,
    string? Description = null,
    string? Owner = null,
    IReadOnlyDictionary<string, string>? Tags = null);

/// <summary>
/// Parquet history: a file, a directory, or a glob of files (hive-style <c>key=value/</c> folders allowed).
/// <see cref="Path"/> is relative to the feature repo unless absolute.
/// <see cref="FieldMapping"/> renames source columns: source column name → name used by feature views.
/// <see cref="Stream"/>, when set, makes the source a stream (Kafka) or push source whose accepted records are written
/// online and appended to <see cref="Path"/>. A source without one serializes exactly as before streams existed, so
/// registries applied earlier plan with no changes.
/// </summary>
public sealed record DataSourceDefinition(
    string Name,
    string Path,
    string TimestampField,
    string? CreatedTimestampField = null,
    IReadOnlyDictionary<string, string>? FieldMapping = null,
    string? Description = null,
    string? Owner = null,
    IReadOnlyDictionary<string, string>? Tags = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] StreamDefinition? Stream = null);

/// <summary>A feature: a typed column of a feature view, with its personal-data class.</summary>
public sealed record FeatureDefinition(
    string Name,
    FeatureType Type,
    string? Description = null,
    PiiClass Pii = PiiClass.None,
    IReadOnlyDictionary<string, string>? Tags = null);

/// <summary>
/// A group of features read from one source and keyed by one or more entities.
/// <see cref="Version"/> is declared by the user; bumping it is how a breaking change is made deliberately.
/// A missing <see cref="Ttl"/> means values never expire. <see cref="Quality"/> is the materializer's data-quality gate.
/// <see cref="AsOfCreated"/> ("as known at"): point-in-time joins only see rows whose created timestamp is at or
/// before the spine timestamp (valid only when the source has a created_timestamp_field).
/// <see cref="KeepVersions"/> (null means 1) is how many declared versions stay live side by side for A/B tests;
/// <see cref="RetainedVersions"/> holds the older ones, newest first. The planner fills it from the registry when the
/// version is bumped (a repo never declares it), so <c>view@1:feature</c> keeps resolving to what version 1 was.
/// </summary>
public sealed record FeatureViewDefinition(
    string Name,
    IReadOnlyList<string> Entities,
    IReadOnlyList<FeatureDefinition> Features,
    string Source,
    string Owner,
    TimeSpan? Ttl = null,
    bool Online = true,
    string? Description = null,
    IReadOnlyDictionary<string, string>? Tags = null,
    int Version = 1,
    QualityDefinition? Quality = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool AsOfCreated = false,
    int? KeepVersions = null,
    IReadOnlyList<FeatureViewDefinition>? RetainedVersions = null);

/// <summary>Features picked from one view by a feature service; an empty <see cref="Features"/> list means all of the view's features.</summary>
public sealed record FeatureSelection(string View, IReadOnlyList<string> Features);

/// <summary>A named selection of view features that a model consumes, with an owner.</summary>
public sealed record FeatureServiceDefinition(
    string Name,
    IReadOnlyList<FeatureSelection> Features,
    string Owner,
    string? Description = null,
    IReadOnlyDictionary<string, string>? Tags = null);

/// <summary>Everything a feature repo (or a definition program) declares for one project.</summary>
public sealed record RegistryDefinitions(
    string Project,
    IReadOnlyList<EntityDefinition> Entities,
    IReadOnlyList<DataSourceDefinition> DataSources,
    IReadOnlyList<FeatureViewDefinition> FeatureViews,
    IReadOnlyList<FeatureServiceDefinition> FeatureServices)
{
    public static RegistryDefinitions Empty(string project) => new(project, [], [], [], []);
}
