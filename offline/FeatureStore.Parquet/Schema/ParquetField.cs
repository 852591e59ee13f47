namespace FeatureStore.Parquet;

/// <summary>One top-level column of a file: name, logical type, and whether values may be null.</summary>
public sealed record ParquetField(string Name, ParquetType Type, bool Nullable = true)
{
    public override string ToString() => $"{Name}: {Type}{(Nullable ? "?" : string.Empty)}";
}
