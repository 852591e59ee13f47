using FeatureStore.Serving.V1;

namespace FeatureStore.Client.Reply;

/// <summary>One requested feature's served vector: its range of cells in the reply's <see cref="ReplyCells"/>.</summary>
internal readonly record struct FeatureColumn(
    ReplyCells Cells, int StatusStart, int StatusCount, int ValueStart, int ValueCount, int TimestampStart, int TimestampCount)
{
    public FieldStatus Status(int row) => Cells.Status(StatusStart + row);

    /// <summary>The event time, or null when MISSING or when the reply carried no timestamps.</summary>
    public DateTimeOffset? EventTime(int row) =>
        Status(row) == FieldStatus.Missing || row >= TimestampCount ? null : new DateTimeOffset(Cells.EventTicks(TimestampStart + row), TimeSpan.Zero);

    /// <summary>The value as an object (boxed scalar, string, byte[], DateTimeOffset, float[] or double[]); null for no value.</summary>
    public object? Value(int row)
    {
        var cell = ValueStart + row;
        var valueBits = Cells.Bits(cell);
        return Cells.Kind(cell) switch
        {
            Serving.V1.Value.ValOneofCase.Int32Val => (int)valueBits,
            Serving.V1.Value.ValOneofCase.Int64Val => valueBits,
            Serving.V1.Value.ValOneofCase.FloatVal => BitConverter.Int32BitsToSingle((int)valueBits),
            Serving.V1.Value.ValOneofCase.DoubleVal => BitConverter.Int64BitsToDouble(valueBits),
            Serving.V1.Value.ValOneofCase.BoolVal => valueBits != 0,
            Serving.V1.Value.ValOneofCase.None => null,
            _ => Cells.Reference(cell),
        };
    }

    /// <summary>A double value without boxing; false when the row holds no double.</summary>
    public bool TryGetDouble(int row, out double value)
    {
        var cell = ValueStart + row;
        var isDouble = Cells.Kind(cell) == Serving.V1.Value.ValOneofCase.DoubleVal;
        value = isDouble ? BitConverter.Int64BitsToDouble(Cells.Bits(cell)) : 0;
        return isDouble;
    }

    /// <summary>An int64 value (or an int32 widened) without boxing; false when the row holds neither.</summary>
    public bool TryGetInt64(int row, out long value)
    {
        var cell = ValueStart + row;
        var isInteger = Cells.Kind(cell) is Serving.V1.Value.ValOneofCase.Int64Val or Serving.V1.Value.ValOneofCase.Int32Val;
        value = isInteger ? Cells.Bits(cell) : 0;
        return isInteger;
    }
}
