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
        var hash = rows.StableHash(ordinal);
        var mask = slots.Length - 1;
        var slot = (int)(Mix(hash) & (uint)mask);
        int stored;
        while ((stored = slots[slot]) != 0)
        {
            var current = winners[stored - 1];
            if (rows.StableHash(current) == hash && rows.KeyBytes(current).SequenceEqual(rows.KeyBytes(ordinal)))
            {
                if (rows.IsNewer(ordinal, current))
                    winners[stored - 1] = ordinal;
                return;
            }

            slot = (slot + 1) & mask;
        }

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
