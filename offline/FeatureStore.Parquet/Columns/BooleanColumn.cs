namespace FeatureStore.Parquet;

/// <summary>Boolean values.</summary>
public sealed class BooleanColumn : Column
{
    public BooleanColumn(bool[] values, bool[]? validity = null)
        : this(values, values?.Length ?? 0, validity)
    {
    }

    /// <summary>Wraps the first <paramref name="length"/> entries of <paramref name="values"/> (no copy).</summary>
    public BooleanColumn(bool[] values, int length, bool[]? validity = null)
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
    public bool[] Values { get; }

    public ReadOnlySpan<bool> Span => Values.AsSpan(0, Length);

    public override object? GetValue(int row) => IsNull(row) ? null : Values[row];
}
