using FeatureStore.Registry.Model;

namespace FeatureStore.Streaming.Resolution;

/// <summary>
/// A streamed data source resolved for ingestion: the online views written (<see cref="Views"/>), every column appended
/// offline (<see cref="OfflineColumns"/>: the columns of every view reading the source, so the appended files have one
/// schema whatever views a call selects), where the appended files go, and the lateness its watermarks allow.
/// </summary>
internal sealed record SourcePlan(
    DataSourceDefinition Source,
    IReadOnlyList<ViewPlan> Views,
    IReadOnlyList<SourceColumn> OfflineColumns,
    string EventColumn,
    string? CreatedColumn,
    string BaseDirectory,
    TimeSpan AllowedLateness);
