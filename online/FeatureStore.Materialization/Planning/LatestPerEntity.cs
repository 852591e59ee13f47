using FeatureStore.Materialization.Source;

namespace FeatureStore.Materialization.Planning;

/// <summary>
/// Each entity's newest row among those offered, by row ordinal of <see cref="ScannedRows"/>. Open addressing with
/// linear probing on the rows' stable key hashes, comparing key bytes only on a hash match: one probe per row in the
/// common case, where a dictionary with a key comparer pays two interface calls per lookup.
/// </summary>
internal sealed class LatestPerEntity
{
    private readonly ScannedRows rows;
    private readonly List<int> winners = [];
    private int[] slots;

    public LatestPerEntity(ScannedRows rows, int expectedEntities)
    {
        this.rows = rows;
        slots = new int[Capacity(expectedEntities)];
    }

    /// <summary>The winning ordinal of every entity, in the order entities were first offered.</summary>
    public List<int> Winners => winners;

    /// <summary>Offers a row: it becomes its entity's winner if the entity has none yet or the row is newer (<see cref="ScannedRows.IsNewer"/>).</summary>
    public void Offer(int ordinal)
    {
        var winner = Find(rows.StableHash(ordinal), rows.KeyBytes(ordinal), out var slot);
        if (winner < 0)
            Insert(slot, ordinal);
        else if (rows.IsNewer(ordinal, winners[winner]))
            winners[winner] = ordinal;
    }

    /// <summary>
    /// The index in <see cref="Winners"/> of the entity whose key bytes are <paramref name="key"/> (stable hash
    /// <paramref name="hash"/>), or -1 with the <paramref name="slot"/> to <see cref="Insert"/> it at.
    /// </summary>
    public int Find(uint hash, ReadOnlySpan<byte> key, out int slot)
    {
        var mask = slots.Length - 1;
        slot = (int)(Mix(hash) & (uint)mask);
        int stored;
        while ((stored = slots[slot]) != 0)
        {
            if (rows.HasKey(winners[stored - 1], hash, key))
                return stored - 1;
            slot = (slot + 1) & mask;
        }

        return -1;
    }

    /// <summary>Makes <paramref name="ordinal"/> the winner of a new entity, at the slot <see cref="Find"/> gave (no call between).</summary>
    public void Insert(int slot, int ordinal)
    {
        winners.Add(ordinal);
        slots[slot] = winners.Count;
        if (winners.Count * 2 > slots.Length)
            Grow();
    }

    private static int Capacity(int entities)
    {
        var capacity = 1024;
        while (capacity < entities * 2L && capacity < (1 << 30))
            capacity <<= 1;
        return capacity;
    }

    // The low bits of FNV-1a pick the slot; a multiply spreads the high bits into them.
    private static uint Mix(uint hash) => hash * 0x9E3779B1u ^ (hash >> 16);

    private void Grow()
    {
        slots = new int[slots.Length * 2];
        var mask = slots.Length - 1;
        for (var w = 0; w < winners.Count; w++)
        {
            var slot = (int)(Mix(rows.StableHash(winners[w])) & (uint)mask);
            while (slots[slot] != 0)
                slot = (slot + 1) & mask;
            slots[slot] = w + 1;
        }
    }
}
