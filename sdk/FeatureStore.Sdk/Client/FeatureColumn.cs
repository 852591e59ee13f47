using FeatureStore.Serving.V1;

namespace FeatureStore.Sdk.Client;

/// <summary>
/// One requested feature's served vector, as flat arrays: a status, an event time and a value per entity row. Scalars
/// keep their bits in a long (no object per value); strings, bytes, timestamps and lists are held as objects.
/// </summary>
internal sealed class FeatureColumn(int capacity)
{
    private readonly List<FieldStatus> statuses = new(capacity);
    private readonly List<long> eventTicks = new(capacity);
    private readonly List<Value.ValOneofCase> kinds = new(capacity);
    private readonly List<long> bits = new(capacity);
    private List<object?>? references;

    public int StatusCount => statuses.Count;

    public int TimestampCount => eventTicks.Count;

    public int ValueCount => kinds.Count;

    public void AddStatus(FieldStatus status) => statuses.Add(status);

    public void AddEventTime(long utcTicks) => eventTicks.Add(utcTicks);

    public void AddScalar(Value.ValOneofCase kind, long valueBits)
    {
        kinds.Add(kind);
        bits.Add(valueBits);
        references?.Add(null);
    }

    public void AddReference(Value.ValOneofCase kind, object value)
    {
        if (references is null)
        {
            references = new List<object?>(kinds.Capacity);
            for (var i = 0; i < kinds.Count; i++)
            {
                references.Add(null);
            }
        }

        kinds.Add(kind);
        bits.Add(0);
        references.Add(value);
    }

    public FieldStatus Status(int row) => statuses[row];

    /// <summary>The event time, or null when NOT_FOUND or when the reply carried no timestamps.</summary>
    public DateTimeOffset? EventTime(int row) =>
        statuses[row] == FieldStatus.NotFound || row >= eventTicks.Count ? null : new DateTimeOffset(eventTicks[row], TimeSpan.Zero);

    /// <summary>The value as an object (boxed scalar, string, byte[], DateTimeOffset, float[] or double[]); null for no value.</summary>
    public object? Value(int row)
    {
        var valueBits = bits[row];
        return kinds[row] switch
        {
            Serving.V1.Value.ValOneofCase.Int32Val => (int)valueBits,
            Serving.V1.Value.ValOneofCase.Int64Val => valueBits,
            Serving.V1.Value.ValOneofCase.FloatVal => BitConverter.Int32BitsToSingle((int)valueBits),
            Serving.V1.Value.ValOneofCase.DoubleVal => BitConverter.Int64BitsToDouble(valueBits),
            Serving.V1.Value.ValOneofCase.BoolVal => valueBits != 0,
            Serving.V1.Value.ValOneofCase.None => null,
            _ => references![row],
        };
    }

    /// <summary>A double value without boxing; false when the row holds no double.</summary>
    public bool TryGetDouble(int row, out double value)
    {
        var isDouble = kinds[row] == Serving.V1.Value.ValOneofCase.DoubleVal;
        value = isDouble ? BitConverter.Int64BitsToDouble(bits[row]) : 0;
        return isDouble;
    }

    /// <summary>An int64 value (or an int32 widened) without boxing; false when the row holds neither.</summary>
    public bool TryGetInt64(int row, out long value)
    {
        var kind = kinds[row];
        var isInteger = kind is Serving.V1.Value.ValOneofCase.Int64Val or Serving.V1.Value.ValOneofCase.Int32Val;
        value = isInteger ? bits[row] : 0;
        return isInteger;
    }
}
