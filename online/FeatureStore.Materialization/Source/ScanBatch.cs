namespace FeatureStore.Materialization.Source;

/// <summary>
/// The window rows of one row group, keyed, handed to a sink at once so it can look keys up ahead of use: per row its
/// row in the segment, event and created ticks, its entity key's canonical bytes and their stable hash
/// (<see cref="ScannedRows.StableHashOf"/>), and the per-row quality rule it broke (rare, kept sparse). The scanner
/// reuses one batch from row group to row group.
/// </summary>
internal sealed class ScanBatch
{
    private int[] rows = new int[16];
    private long[] eventTicks = new long[16];
    private long[] createdTicks = new long[16];
    private uint[] hashes = new uint[16];
    private int[] keyEnds = new int[16];
    private byte[] keyBytes = new byte[256];
    private Dictionary<int, string>? reasons;

    public int Count { get; private set; }

    public ReadOnlySpan<int> Rows => rows.AsSpan(0, Count);

    public ReadOnlySpan<long> EventTicks => eventTicks.AsSpan(0, Count);

    public ReadOnlySpan<long> CreatedTicks => createdTicks.AsSpan(0, Count);

    public ReadOnlySpan<uint> Hashes => hashes.AsSpan(0, Count);

    /// <summary>True when some row broke a per-row quality rule.</summary>
    public bool HasReasons => reasons is { Count: > 0 };

    public ReadOnlySpan<byte> Key(int index)
    {
        var start = index == 0 ? 0 : keyEnds[index - 1];
        return keyBytes.AsSpan(start, keyEnds[index] - start);
    }

    public string? Reason(int index) => reasons is not null && reasons.TryGetValue(index, out var reason) ? reason : null;

    /// <summary>Empties the batch for a row group of up to <paramref name="rowCount"/> rows.</summary>
    public void Reset(int rowCount)
    {
        Count = 0;
        reasons?.Clear();
        if (rows.Length >= rowCount)
            return;
        rows = new int[rowCount];
        eventTicks = new long[rowCount];
        createdTicks = new long[rowCount];
        hashes = new uint[rowCount];
        keyEnds = new int[rowCount];
    }

    public void Add(int row, long eventTicksValue, long createdTicksValue, ReadOnlySpan<byte> key, string? reason)
    {
        if (Count == rows.Length)
            Grow(Count * 2);
        var start = Count == 0 ? 0 : keyEnds[Count - 1];
        if (start + key.Length > keyBytes.Length)
            Array.Resize(ref keyBytes, (int)Math.Min(Math.Max(keyBytes.Length * 2L, start + key.Length), Array.MaxLength));
        key.CopyTo(keyBytes.AsSpan(start));
        rows[Count] = row;
        eventTicks[Count] = eventTicksValue;
        createdTicks[Count] = createdTicksValue;
        hashes[Count] = ScannedRows.StableHashOf(key);
        keyEnds[Count] = start + key.Length;
        if (reason is not null)
            (reasons ??= [])[Count] = reason;
        Count++;
    }

    private void Grow(int capacity)
    {
        Array.Resize(ref rows, capacity);
        Array.Resize(ref eventTicks, capacity);
        Array.Resize(ref createdTicks, capacity);
        Array.Resize(ref hashes, capacity);
        Array.Resize(ref keyEnds, capacity);
    }
}
