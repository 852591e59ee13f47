namespace FeatureStore.Parquet;

/// <summary>64-bit integers (Int64, UInt64 as raw bits, Timestamp in the field's unit, INT96 read as nanos, Time in micros or nanos).</summary>
public sealed class Int64Column : Column
{
    public Int64Column(long[] values, bool[]? validity = null)
        : this(values, values?.Length ?? 0, validity)
    {
    }

    /// <summary>Wraps the first <paramref name="length"/> entries of <paramref name="values"/> (no copy).</summary>
    public Int64Column(long[] values, int length, bool[]? validity = null)
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
    public long[] Values { get; }

    public ReadOnlySpan<long> Span => Values.AsSpan(0, Length);

    public override object? GetValue(int row) => IsNull(row) ? null : Values[row];
}
