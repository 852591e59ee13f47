using FeatureStore.Serving.V1;

namespace FeatureStore.Client.Reply;

/// <summary>
/// Every cell of one reply in a few flat arrays, feature after feature: a status, an event time and a value per entity
/// row. Scalars keep their bits in a long; strings, bytes, timestamps and lists are held as objects. One set of arrays
/// per reply, not per feature: a 1-entity x 50-feature reply would otherwise allocate two hundred small lists.
/// </summary>
internal sealed class ReplyCells
{
    private int[] statuses;
    private long[] eventTicks;
    private byte[] kinds;
    private long[] bits;
    private object?[]? references;

    public ReplyCells(int capacity)
    {
        statuses = new int[capacity];
        eventTicks = new long[capacity];
        kinds = new byte[capacity];
        bits = new long[capacity];
    }

    public int StatusCount { get; private set; }

    public int TimestampCount { get; private set; }

    public int ValueCount { get; private set; }

    /// <summary>Makes room for <paramref name="cells"/> cells in all, so the arrays are sized once when the row count is known.</summary>
    public void Reserve(int cells)
    {
        if (cells > statuses.Length)
        {
            Array.Resize(ref statuses, cells);
            Array.Resize(ref eventTicks, cells);
            Array.Resize(ref kinds, cells);
            Array.Resize(ref bits, cells);
            if (references is not null)
            {
                Array.Resize(ref references, cells);
            }
        }
    }

    /// <summary>Marks where the next feature's cells start.</summary>
    public FeatureColumn StartColumn() => new(this, StatusCount, 0, ValueCount, 0, TimestampCount, 0);

    /// <summary>The feature started at <paramref name="start"/>, covering every cell added since.</summary>
    public FeatureColumn EndColumn(FeatureColumn start) =>
        new(this, start.StatusStart, StatusCount - start.StatusStart, start.ValueStart, ValueCount - start.ValueStart, start.TimestampStart, TimestampCount - start.TimestampStart);

    public void AddStatus(FieldStatus status)
    {
        Grow(ref statuses, StatusCount);
        statuses[StatusCount++] = (int)status;
    }

    public void AddEventTime(long utcTicks)
    {
        Grow(ref eventTicks, TimestampCount);
        eventTicks[TimestampCount++] = utcTicks;
    }

    public void AddScalar(Value.ValOneofCase kind, long valueBits) => AddValue(kind, valueBits, null);

    public void AddReference(Value.ValOneofCase kind, object value)
    {
        references ??= new object?[kinds.Length];
        AddValue(kind, 0, value);
    }

    public FieldStatus Status(int cell) => (FieldStatus)statuses[cell];

    public long EventTicks(int cell) => eventTicks[cell];

    public Value.ValOneofCase Kind(int cell) => (Value.ValOneofCase)kinds[cell];

    public long Bits(int cell) => bits[cell];

    public object? Reference(int cell) => references?[cell];

    private void AddValue(Value.ValOneofCase kind, long valueBits, object? value)
    {
        Grow(ref kinds, ValueCount);
        Grow(ref bits, ValueCount);
        if (references is not null)
        {
            Grow(ref references, ValueCount);
            references[ValueCount] = value;
        }

        kinds[ValueCount] = (byte)kind;
        bits[ValueCount] = valueBits;
        ValueCount++;
    }

    private static void Grow<T>(ref T[] array, int used)
    {
        if (used == array.Length)
        {
            Array.Resize(ref array, Math.Max(4, array.Length * 2));
        }
    }
}
