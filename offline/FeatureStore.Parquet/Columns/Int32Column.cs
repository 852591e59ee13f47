namespace FeatureStore.Parquet;

/// <summary>32-bit integers (Int8, Int16, Int32, UInt8, UInt16, UInt32 as raw bits, Date as days since epoch, Time in millis).</summary>
public sealed class Int32Column : Column
{
    public Int32Column(int[] values, bool[]? validity = null)
        : this(values, values?.Length ?? 0, validity)
    {
    }

    /// <summary>Wraps the first <paramref name="length"/> entries of <paramref name="values"/> (no copy).</summary>
    public Int32Column(int[] values, int length, bool[]? validity = null)
        : base(length, validity)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length < length)
        {
            throw new ArgumentException($"values has {values.Length} entries, column has {length} rows", nameof(values));
        }

        Values = values;
    }

    /// <summary>Values; only the first <see cref="Column.Length"/> entries belong to the column.</summary>
    public int[] Values { get; }

    public ReadOnlySpan<int> Span => Values.AsSpan(0, Length);

    public override object? GetValue(int row) => IsNull(row) ? null : Values[row];
}
