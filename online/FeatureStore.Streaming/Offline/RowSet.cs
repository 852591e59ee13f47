namespace FeatureStore.Streaming.Offline;

/// <summary>Rows of an <see cref="OfflineBuffer"/> to append: one contiguous run (the usual case, no allocation) or a list of row numbers.</summary>
internal readonly struct RowSet
{
    private readonly int start;
    private readonly int[]? rows;

    private RowSet(int start, int count, int[]? rows)
    {
        this.start = start;
        Count = count;
        this.rows = rows;
    }

    public int Count { get; }

    public int this[int index] => rows is null ? start + index : rows[index];

    public static RowSet Range(int start, int count) => new(start, count, null);

    /// <summary><paramref name="count"/> rows of this set from its <paramref name="index"/>-th.</summary>
    public RowSet Slice(int index, int count) => rows is null ? Range(start + index, count) : Of(rows[index..(index + count)]);

    public static RowSet Of(int[] rows) => new(0, rows.Length, rows);
}
