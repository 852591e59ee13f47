namespace FeatureStore.Parquet;

/// <summary>Decimal values (precision up to 28 digits round-trips through System.Decimal).</summary>
public sealed class DecimalColumn : Column
{
    public DecimalColumn(decimal[] values, bool[]? validity = null)
        : this(values, values?.Length ?? 0, validity)
    {
    }

    /// <summary>Wraps the first <paramref name="length"/> entries of <paramref name="values"/> (no copy).</summary>
    public DecimalColumn(decimal[] values, int length, bool[]? validity = null)
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
    public decimal[] Values { get; }

    public ReadOnlySpan<decimal> Span => Values.AsSpan(0, Length);

    public override object? GetValue(int row) => IsNull(row) ? null : Values[row];
}
