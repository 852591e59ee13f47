using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using FeatureStore.Materialization.Source;

namespace FeatureStore.Materialization.Planning;

/// <summary>
/// Each entity's newest row among those offered, by row ordinal of <see cref="ScannedRows"/>. Open addressing with
/// linear probing over 16-byte slots (at most three quarters full), each holding the entity's key code
/// (<see cref="KeyCode"/>), its winner's ordinal and the winner's event second (<see cref="SecondOf"/>) or an earlier
/// one. A key of up to 7 canonical bytes is its own code, so a probe tells entities apart, and a row older than its
/// entity's winner by a whole second is dropped, from the slot alone; a longer key's code is its stable hash, confirmed
/// against the winner's row record (<see cref="ScannedRows.HasKey"/>). Keying millions of rows is bound by cache misses, not by instructions: most rows
/// of a long history in random order lose, and then touch one cache line instead of two.
/// </summary>
internal sealed class LatestPerEntity
{
    private const long UnixEpochTicks = 621_355_968_000_000_000;

    private readonly ScannedRows rows;

    // Two words per slot (code; ordinal + 1 in the low half, event second in the high half), pinned so the slots can
    // start on a 16-byte boundary and no slot straddles two cache lines; a zero code is an empty slot.
    private ulong[] words = [];
    private int first;
    private int mask;

    public LatestPerEntity(ScannedRows rows, int expectedEntities)
    {
        this.rows = rows;
        Allocate(Capacity(expectedEntities));
    }

    /// <summary>Entities met so far.</summary>
    public int Count { get; private set; }

    /// <summary>
    /// An event time's whole second since 1970, held to 0 .. <see cref="uint.MaxValue"/>. Never decreasing in the time,
    /// so a row whose second is below its winner's is older; on an equal second the row records decide.
    /// </summary>
    public static uint SecondOf(long eventTicks) =>
        eventTicks <= UnixEpochTicks ? 0 : (uint)Math.Min((eventTicks - UnixEpochTicks) / TimeSpan.TicksPerSecond, uint.MaxValue);

    /// <summary>The winning ordinal of every entity (in no particular order).</summary>
    public List<int> Winners()
    {
        var winners = new List<int>(Count);
        for (var slot = 0; slot <= mask; slot++)
        {
            if (Code(slot) != 0)
                winners.Add(Ordinal(slot));
        }

        return winners;
    }

    /// <summary>Offers a row: it becomes its entity's winner if the entity has none yet or the row is newer (<see cref="ScannedRows.IsNewer"/>).</summary>
    public void Offer(int ordinal)
    {
        var hash = rows.StableHash(ordinal);
        var key = rows.KeyBytes(ordinal);
        var code = KeyCode.Of(key, hash);
        var second = SecondOf(rows.EventTicks(ordinal));
        var winner = Find(code, hash, key, out var slot);
        if (winner < 0)
            Insert(slot, code, ordinal, second);
        else if (second >= Second(slot) && rows.IsNewer(ordinal, winner))
            Set(slot, ordinal, second);
    }

    /// <summary>
    /// The winning ordinal of the entity whose key is <paramref name="key"/> (code <paramref name="code"/>, stable hash
    /// <paramref name="hash"/>), or -1; <paramref name="slot"/> is where it is, or where <see cref="Insert"/> puts it.
    /// </summary>
    public int Find(ulong code, uint hash, ReadOnlySpan<byte> key, out int slot)
    {
        slot = Home(hash);
        ulong stored;
        while ((stored = Code(slot)) != 0)
        {
            if (stored == code && (!KeyCode.IsHash(code) || rows.HasKey(Ordinal(slot), hash, key)))
                return Ordinal(slot);
            slot = (slot + 1) & mask;
        }

        return -1;
    }

    /// <summary>
    /// The event second of the winner at <paramref name="slot"/> (as <see cref="Find"/> gave it), or an earlier one: a
    /// caller may leave it behind when its winner is replaced. A row below it is older than the winner either way.
    /// </summary>
    public uint Second(int slot) => (uint)(words[first + (2 * slot) + 1] >> 32);

    /// <summary>Records that the winner at <paramref name="slot"/> is now row <paramref name="ordinal"/>, of event second <paramref name="second"/>.</summary>
    public void Set(int slot, int ordinal, uint second) => words[first + (2 * slot) + 1] = ((ulong)second << 32) | (uint)(ordinal + 1);

    /// <summary>Asks the CPU to bring the slot where <paramref name="hash"/>'s probe starts into cache (a hint: no effect without SSE).</summary>
    public unsafe void Prefetch(uint hash)
    {
        if (Sse.IsSupported)
            Sse.Prefetch0(Unsafe.AsPointer(ref words[first + (2 * Home(hash))]));
    }

    /// <summary>
    /// The winner whose row record a row of code <paramref name="code"/>, hash <paramref name="hash"/> and event second
    /// <paramref name="second"/> would read, when the first slot of its probe holds that code; otherwise -1. Read after
    /// <see cref="Prefetch"/> so the record can be prefetched in turn, only when the row may need it.
    /// </summary>
    public int RecordToRead(ulong code, uint hash, uint second)
    {
        var slot = Home(hash);
        return Code(slot) == code && (KeyCode.IsHash(code) || second >= Second(slot)) ? Ordinal(slot) : -1;
    }

    /// <summary>Makes <paramref name="ordinal"/> the winner of a new entity, at the slot <see cref="Find"/> gave (no call between).</summary>
    public void Insert(int slot, ulong code, int ordinal, uint second)
    {
        words[first + (2 * slot)] = code;
        Set(slot, ordinal, second);
        Count++;
        if (Overfull(Count, mask + 1L))
            Grow();
    }

    private static int Capacity(int entities)
    {
        var capacity = 1024;
        while (Overfull(entities, capacity) && capacity < (1 << 29))
            capacity <<= 1;
        return capacity;
    }

    // Linear probing stays short up to three quarters full.
    private static bool Overfull(long entities, long capacity) => entities * 4 > capacity * 3;

    private ulong Code(int slot) => words[first + (2 * slot)];

    private int Ordinal(int slot) => (int)(uint)words[first + (2 * slot) + 1] - 1;

    // Where a probe for the hash starts. The low bits of FNV-1a pick the slot; a multiply spreads the high bits into them.
    private int Home(uint hash) => (int)((hash * 0x9E3779B1u ^ (hash >> 16)) & (uint)mask);

    private unsafe void Allocate(int capacity)
    {
        words = GC.AllocateArray<ulong>((2 * capacity) + 1, pinned: true);
        first = ((nuint)Unsafe.AsPointer(ref words[0]) & 15) == 0 ? 0 : 1;
        mask = capacity - 1;
    }

    private void Grow()
    {
        var old = words;
        var oldFirst = first;
        var oldCapacity = mask + 1;
        Allocate(oldCapacity * 2);
        for (var s = 0; s < oldCapacity; s++)
        {
            var code = old[oldFirst + (2 * s)];
            if (code == 0)
                continue;
            var value = old[oldFirst + (2 * s) + 1];
            var slot = Home(KeyCode.HashOf(code));
            while (Code(slot) != 0)
                slot = (slot + 1) & mask;
            words[first + (2 * slot)] = code;
            words[first + (2 * slot) + 1] = value;
        }
    }
}
