namespace FeatureStore.Parquet;

/// <summary>One file of a dataset with the hive partition values taken from its folders (<c>key=value/</c>).</summary>
public sealed record DatasetFile(string Path, IReadOnlyDictionary<string, string> Partitions);
