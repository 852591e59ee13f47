using System.Runtime.CompilerServices;
using FeatureStore.Online;

namespace FeatureStore.Materialization.Source;

/// <summary>
/// Window rows of one slice of a row group (up to <see cref="Capacity"/> rows), keyed, handed to a sink at once so it
/// can look keys up ahead of use: per row its row in the segment, event and created ticks, its entity key's canonical
/// bytes, their stable hash (<see cref="ScannedRows.StableHashOf"/>) and their <see cref="KeyCode"/>, and the per-row
/// quality rule it broke (rare, kept sparse). The scanner keys slices on worker threads and reuses batches once the sink has taken them.
/// </summary>
internal sealed class ScanBatch
{
    /// <summary>Rows a batch holds: small enough that filling it and keying it both stay in cache.</summary>
    public const int Capacity = 1 << 16;

    /// <summary>Bytes a full batch takes with keys of up to 8 bytes (per-row arrays and key bytes).</summary>
    public const int Bytes = Capacity * ((3 * sizeof(int)) + (3 * sizeof(long)) + 8);

    private readonly int[] rows = new int[Capacity];
    private readonly long[] eventTicks = new long[Capacity];
    private readonly long[] createdTicks = new long[Capacity];
    private readonly uint[] hashes = new uint[Capacity];
    private readonly ulong[] codes = new ulong[Capacity];
    private readonly int[] keyEnds = new int[Capacity];
    private byte[] keyBytes = new byte[Capacity * 8];
    private Dictionary<int, string>? reasons;

    public int Count { get; private set; }

    public ReadOnlySpan<int> Rows => rows.AsSpan(0, Count);

    public ReadOnlySpan<long> EventTicks => eventTicks.AsSpan(0, Count);

    public ReadOnlySpan<long> CreatedTicks => createdTicks.AsSpan(0, Count);

    public ReadOnlySpan<uint> Hashes => hashes.AsSpan(0, Count);

    /// <summary>Each row's <see cref="KeyCode"/>.</summary>
    public ReadOnlySpan<ulong> Codes => codes.AsSpan(0, Count);

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

    /// <summary>
    /// Empties the batch and lends its event and created tick arrays (<see cref="Capacity"/> long) to stage a slice's
    /// times in: row i of the slice at index i. Adding that slice's rows in order then moves each kept row's times down
    /// to its index in the batch, never past a row not yet read.
    /// </summary>
    public (long[] EventTicks, long[] CreatedTicks) Stage()
    {
        Clear();
        return (eventTicks, createdTicks);
    }

    /// <summary>Adds a row; the batch must not be full (<see cref="Capacity"/>).</summary>
    public void Add(int row, long eventTicksValue, long createdTicksValue, ReadOnlySpan<byte> key, string? reason)
    {
        var start = ReserveKey(key.Length);
        key.CopyTo(keyBytes.AsSpan(start));
        if (reason is not null)
            (reasons ??= [])[Count] = reason;
        Commit(row, eventTicksValue, createdTicksValue, start, key.Length);
    }

    /// <summary>
    /// Adds a row of a one-part integer key, encoded in place (<see cref="EntityKey.EncodeInteger"/>, which refuses an
    /// int32 key beyond int32); the batch must not be full.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddIntegerKey(int row, long eventTicksValue, long createdTicksValue, long key, bool int32)
    {
        var start = ReserveKey(EntityKey.MaxIntegerKeyBytes);
        var length = EntityKey.EncodeInteger(key, int32, keyBytes.AsSpan(start, EntityKey.MaxIntegerKeyBytes));
        Commit(row, eventTicksValue, createdTicksValue, start, length);
    }

    /// <summary>Where the next row's key starts, with room for <paramref name="length"/> bytes there.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int ReserveKey(int length)
    {
        if (Count == Capacity)
            throw new InvalidOperationException($"a scan batch holds {Capacity} rows");
        var start = Count == 0 ? 0 : keyEnds[Count - 1];
        GrowingBytes.EnsureRoom(ref keyBytes, start + length);
        return start;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Commit(int row, long eventTicksValue, long createdTicksValue, int keyStart, int keyLength)
    {
        var index = Count;
        rows[index] = row;
        eventTicks[index] = eventTicksValue;
        createdTicks[index] = createdTicksValue;
        var key = keyBytes.AsSpan(keyStart, keyLength);
        var hash = ScannedRows.StableHashOf(key);
        hashes[index] = hash;
        codes[index] = KeyCode.Of(key, hash);
        keyEnds[index] = keyStart + keyLength;
        Count = index + 1;
    }
}
