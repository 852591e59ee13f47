namespace FeatureStore.Offline;

/// <summary>A file of a view's source and whether the join read it (files in pruned partitions are listed too, so new or changed ones are noticed).</summary>
public sealed record SourceFileRecord(string View, string Path, bool Read);
