namespace FeatureStore.Parquet;

/// <summary>
/// One column of a <see cref="RecordBatch"/>: a typed values array plus an optional validity array
/// (<c>Validity[i] == false</c> means row i is null; a null <see cref="Validity"/> means no nulls).
/// Value slots of null rows hold a default value and are ignored by the writer.
/// </summary>
public abstract class Column
{
    protected Column(int length, bool[]? validity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (validity is not null && validity.Length < length)
        {
            throw new ArgumentException($"validity has {validity.Length} entries, column has {length} rows", nameof(validity));
        }

        Length = length;
        Validity = validity;
    }

    /// <summary>Number of rows.</summary>
    public int Length { get; }

    /// <summary>Per-row presence flags, or null when every row has a value.</summary>
    public bool[]? Validity { get; }

    public bool IsNull(int row) => Validity is not null && !Validity[row];

    public int NullCount
    {
        get
        {
            if (Validity is null)
            {
                return 0;
            }

            var count = 0;
            for (var i = 0; i < Length; i++)
            {
                if (!Validity[i])
                {
                    count++;
                }
            }

            return count;
        }
    }

    /// <summary>The value of a row as an object (boxing: for display and tests, not for hot loops).</summary>
    public abstract object? GetValue(int row);
}
