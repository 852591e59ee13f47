namespace FeatureStore.Parquet;

/// <summary>
/// One level of list: row i holds elements <c>Values[Offsets[i]..Offsets[i+1]]</c> of the child column
/// (whose own Validity marks null elements). A null row has an empty slot.
/// </summary>
public sealed class ListColumn : Column
{
    public ListColumn(int[] offsets, Column values, int length, bool[]? validity = null)
        : base(length, validity)
    {
        ArgumentNullException.ThrowIfNull(offsets);
        ArgumentNullException.ThrowIfNull(values);
        if (offsets.Length < length + 1)
        {
            throw new ArgumentException($"offsets has {offsets.Length} entries, needs {length + 1}", nameof(offsets));
        }

        if (offsets[length] > values.Length)
        {
            throw new ArgumentException($"offsets end at {offsets[length]} past the {values.Length} child values", nameof(values));
        }

        Offsets = offsets;
        Values = values;
    }

    public int[] Offsets { get; }

    /// <summary>The flattened elements of all rows.</summary>
    public Column Values { get; }

    public int GetListLength(int row) => Offsets[row + 1] - Offsets[row];

    public override object? GetValue(int row)
    {
        if (IsNull(row))
        {
            return null;
        }

        var items = new object?[GetListLength(row)];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = Values.GetValue(Offsets[row] + i);
        }

        return items;
    }

    /// <summary>Builds a list&lt;float&gt; column (e.g. embeddings); null arrays become null rows.</summary>
    public static ListColumn FromFloatArrays(IReadOnlyList<float[]?> rows) =>
        FromArrays(rows, static (values, count) => new FloatColumn(values, count));

    /// <summary>Builds a list&lt;double&gt; column; null arrays become null rows.</summary>
    public static ListColumn FromDoubleArrays(IReadOnlyList<double[]?> rows) =>
        FromArrays(rows, static (values, count) => new DoubleColumn(values, count));

    /// <summary>Builds a list&lt;int64&gt; column; null arrays become null rows.</summary>
    public static ListColumn FromInt64Arrays(IReadOnlyList<long[]?> rows) =>
        FromArrays(rows, static (values, count) => new Int64Column(values, count));

    /// <summary>Builds a list&lt;int32&gt; column; null arrays become null rows.</summary>
    public static ListColumn FromInt32Arrays(IReadOnlyList<int[]?> rows) =>
        FromArrays(rows, static (values, count) => new Int32Column(values, count));

    private static ListColumn FromArrays<T>(IReadOnlyList<T[]?> rows, Func<T[], int, Column> makeChild)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var offsets = new int[rows.Count + 1];
        var total = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            total += rows[i]?.Length ?? 0;
            offsets[i + 1] = total;
        }

        var flat = new T[total];
        bool[]? validity = null;
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i] is { } row)
            {
                row.CopyTo(flat, offsets[i]);
            }
            else
            {
                if (validity is null)
                {
                    validity = new bool[rows.Count];
                    Array.Fill(validity, true);
                }

                validity[i] = false;
            }
        }

        return new ListColumn(offsets, makeChild(flat, total), rows.Count, validity);
    }
}
