namespace FeatureStore.Parquet;

/// <summary>A row group of a dataset file, with its statistics, for min/max skipping before reading.</summary>
public sealed record DatasetRowGroup(DatasetFile File, RowGroupInfo RowGroup);
