using FeatureStore.Materialization.Source;

namespace FeatureStore.Materialization.Planning;

/// <summary>The winners of one entity partition, ready to write: ordinals into <see cref="Rows"/>, one per entity.</summary>
internal sealed record PartitionRows(ScannedRows Rows, IReadOnlyList<int> Ordinals);
