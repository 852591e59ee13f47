namespace FeatureStore.Materialization.Source;

/// <summary>
/// Window rows of one row group, keyed, handed to a sink at once so it can look keys up ahead of use: per row its
/// row in the segment, event and created ticks, its entity key's canonical bytes and their stable hash
/// (<see cref="ScannedRows.StableHashOf"/>), and the per-row quality rule it broke (rare, kept sparse). The scanner
/// reuses one batch, handing a row group over in slices of up to <see cref="Capacity"/> rows.
/// </summary>
internal sealed class ScanBatch
{
    /// <summary>Rows a batch holds: small enough that filling it and keying it both stay in cache.</summary>
    public const int Capacity = 1 << 16;

    private readonly int[] rows = new int[Capacity];
    private readonly long[] eventTicks = new long[Capacity];
    private readonly long[] createdTicks = new long[Capacity];
    private readonly uint[] hashes = new uint[Capacity];
    private readonly int[] keyEnds = new int[Capacity];
    private byte[] keyBytes = new byte[Capacity * 4];
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

    public void Clear()
    {
        Count = 0;
        reasons?.Clear();
    }

    /// <summary>Adds a row; the batch must not be full (<see cref="Capacity"/>).</summary>
    public void Add(int row, long eventTicksValue, long createdTicksValue, ReadOnlySpan<byte> key, string? reason)
    {
        if (Count == Capacity)
            throw new InvalidOperationException($"a scan batch holds {Capacity} rows");
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
}
