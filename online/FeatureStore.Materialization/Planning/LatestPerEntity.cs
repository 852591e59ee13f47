using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using FeatureStore.Materialization.Source;

namespace FeatureStore.Materialization.Planning;

/// <summary>
/// Each entity's newest row among those offered, by row ordinal of <see cref="ScannedRows"/>. Open addressing with
/// linear probing; a slot holds the key's stable hash next to the winner's ordinal, so a probe that meets another entity
/// is told apart without reading that row, and a match reads one row record (<see cref="ScannedRows.HasKey"/>). Keying
/// millions of rows is bound by cache misses, not by instructions.
/// </summary>
internal sealed class LatestPerEntity
{
    private readonly ScannedRows rows;
    private ulong[] slots;

    public LatestPerEntity(ScannedRows rows, int expectedEntities)
    {
        this.rows = rows;
        slots = new ulong[Capacity(expectedEntities)];
    }

    /// <summary>Entities met so far.</summary>
    public int Count { get; private set; }

    /// <summary>The winning ordinal of every entity (in no particular order).</summary>
    public List<int> Winners()
    {
        var winners = new List<int>(Count);
        foreach (var slot in slots)
        {
            if (slot != 0)
                winners.Add(Ordinal(slot));
        }

        return winners;
    }

    /// <summary>Offers a row: it becomes its entity's winner if the entity has none yet or the row is newer (<see cref="ScannedRows.IsNewer"/>).</summary>
    public void Offer(int ordinal)
    {
        var hash = rows.StableHash(ordinal);
        var winner = Find(hash, rows.KeyBytes(ordinal), out var slot);
        if (winner < 0)
            Insert(slot, hash, ordinal);
        else if (rows.IsNewer(ordinal, winner))
            slots[slot] = Pack(hash, ordinal);
    }

    /// <summary>
    /// The winning ordinal of the entity whose key bytes are <paramref name="key"/> (stable hash <paramref name="hash"/>),
    /// or -1; <paramref name="slot"/> is where it is, or where <see cref="Insert"/> puts it.
    /// </summary>
    public int Find(uint hash, ReadOnlySpan<byte> key, out int slot)
    {
        var mask = slots.Length - 1;
        slot = Home(hash, slots);
        ulong stored;
        while ((stored = slots[slot]) != 0)
        {
            if ((uint)(stored >> 32) == hash && rows.HasKey(Ordinal(stored), hash, key))
                return Ordinal(stored);
            slot = (slot + 1) & mask;
        }

        return -1;
    }

    /// <summary>Asks the CPU to bring the slot where <paramref name="hash"/>'s probe starts into cache (a hint: no effect without SSE).</summary>
    public unsafe void Prefetch(uint hash)
    {
        if (Sse.IsSupported)
            Sse.Prefetch0(Unsafe.AsPointer(ref slots[Home(hash, slots)]));
    }

    /// <summary>
    /// The winner the probe for <paramref name="hash"/> would meet first when its first slot holds that hash, or -1: read
    /// after <see cref="Prefetch"/> so the winner's row record can be prefetched in turn.
    /// </summary>
    public int FirstCandidate(uint hash)
    {
        var stored = slots[Home(hash, slots)];
        return stored != 0 && (uint)(stored >> 32) == hash ? Ordinal(stored) : -1;
    }

    /// <summary>Makes <paramref name="ordinal"/> the winner of a new entity, at the slot <see cref="Find"/> gave (no call between).</summary>
    public void Insert(int slot, uint hash, int ordinal)
    {
        slots[slot] = Pack(hash, ordinal);
        Count++;
        if (Count * 2 > slots.Length)
            Grow();
    }

    private static ulong Pack(uint hash, int ordinal) => ((ulong)hash << 32) | (uint)(ordinal + 1);

    private static int Ordinal(ulong slot) => (int)(uint)slot - 1;

    private static int Capacity(int entities)
    {
        var capacity = 1024;
        while (capacity < entities * 2L && capacity < (1 << 30))
            capacity <<= 1;
        return capacity;
    }

    // Where a probe for the hash starts. The low bits of FNV-1a pick the slot; a multiply spreads the high bits into them.
    private static int Home(uint hash, ulong[] table) => (int)((hash * 0x9E3779B1u ^ (hash >> 16)) & (uint)(table.Length - 1));

    private void Grow()
    {
        var old = slots;
        slots = new ulong[old.Length * 2];
        var mask = slots.Length - 1;
        foreach (var stored in old)
        {
            if (stored == 0)
                continue;
            var slot = Home((uint)(stored >> 32), slots);
            while (slots[slot] != 0)
                slot = (slot + 1) & mask;
            slots[slot] = stored;
        }
    }
}
