namespace FeatureStore.Parquet;

/// <summary>Metadata of one row group: its row count and its column chunks (in schema order).</summary>
public sealed record RowGroupInfo(int Index, long RowCount, long TotalByteSize, IReadOnlyList<ColumnChunkInfo> Columns)
{
    /// <summary>The chunk of the named top-level column, or null.</summary>
    public ColumnChunkInfo? Column(string name)
    {
        foreach (var chunk in Columns)
        {
            if (chunk.Column == name)
            {
                return chunk;
            }
        }

        return null;
    }
}
