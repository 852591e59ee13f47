using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using FeatureStore.Materialization.Source;

namespace FeatureStore.Materialization.Planning;

/// <summary>
/// Each entity's newest row among those offered, by row ordinal of <see cref="ScannedRows"/>. Open addressing with
/// linear probing, in one of two slot layouts; keying millions of rows is bound by cache misses, not by instructions.
/// <list type="bullet">
/// <item>Compact (the start): 8-byte slots, at most half full, holding the key's stable hash and the winner's ordinal. A
/// probe that meets another entity is told apart without reading its row; a match reads the winner's row record
/// (<see cref="ScannedRows.HasKey"/>). Best when nearly every row wins, as in a history read in event-time order.</item>
/// <item>Wide (after <see cref="Widen"/>): 16-byte slots, at most three quarters full, holding the key code
/// (<see cref="KeyCode"/>), the winner's ordinal and its event second (<see cref="SecondOf"/>) or an earlier one. A key
/// of up to 7 canonical bytes is its own code, so a row older than its entity's winner by a whole second is dropped from
/// the slot alone, touching one cache line instead of two; a longer key's code is its hash, confirmed against the
/// record. Best when most rows lose, as in a long history in random order.</item>
/// </list>
/// </summary>
internal sealed class LatestPerEntity
{
    private const long UnixEpochTicks = 621_355_968_000_000_000;

    private readonly ScannedRows rows;

    // Compact: one word per slot, hash in the high half and ordinal + 1 in the low half. Wide: two words per slot (code;
    // ordinal + 1 in the low half, event second in the high half), pinned so the slots start on a 16-byte boundary and
    // none straddles two cache lines. A zero first word is an empty slot.
    private ulong[] words = [];
    private int first;
    private int mask;

    public LatestPerEntity(ScannedRows rows, int expectedEntities)
    {
        this.rows = rows;
        Allocate(Capacity(expectedEntities, wide: false), wide: false);
    }

    /// <summary>Entities met so far.</summary>
    public int Count { get; private set; }

    /// <summary>Whether the slots are in the wide layout (see <see cref="Widen"/>).</summary>
    public bool IsWide { get; private set; }

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
            if (words[Word(slot)] != 0)
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
            Insert(slot, code, hash, ordinal, second);
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
        if (IsWide)
        {
            ulong stored;
            while ((stored = words[Word(slot)]) != 0)
            {
                if (stored == code && (!KeyCode.IsHash(code) || rows.HasKey(Ordinal(slot), hash, key)))
                    return Ordinal(slot);
                slot = (slot + 1) & mask;
            }
        }
        else
        {
            ulong stored;
            while ((stored = words[slot]) != 0)
            {
                if ((uint)(stored >> 32) == hash && rows.HasKey(OrdinalOf(stored), hash, key))
                    return OrdinalOf(stored);
                slot = (slot + 1) & mask;
            }
        }

        return -1;
    }

    /// <summary>
    /// The event second of the winner at <paramref name="slot"/> (as <see cref="Find"/> gave it), or an earlier one (0
    /// in the compact layout, which keeps none). A row below it is older than the winner either way.
    /// </summary>
    public uint Second(int slot) => IsWide ? (uint)(words[first + (2 * slot) + 1] >> 32) : 0;

    /// <summary>Records that the winner at <paramref name="slot"/> is now row <paramref name="ordinal"/>, of event second <paramref name="second"/>.</summary>
    public void Set(int slot, int ordinal, uint second)
    {
        if (IsWide)
            words[first + (2 * slot) + 1] = Pack(second, ordinal);
        else
            words[slot] = Pack((uint)(words[slot] >> 32), ordinal);
    }

    /// <summary>
    /// Records that the winner at <paramref name="slot"/> was replaced in place (same ordinal) by a row of event second
    /// <paramref name="second"/>: only a wide slot keeps the second, so a compact one is left alone.
    /// </summary>
    public void SetSecond(int slot, uint second)
    {
        if (IsWide)
            Set(slot, Ordinal(slot), second);
    }

    /// <summary>Asks the CPU to bring the slot where <paramref name="hash"/>'s probe starts into cache (a hint: no effect without SSE).</summary>
    public unsafe void Prefetch(uint hash)
    {
        if (Sse.IsSupported)
            Sse.Prefetch0(Unsafe.AsPointer(ref words[Word(Home(hash))]));
    }

    /// <summary>
    /// The winner whose row record a row of code <paramref name="code"/>, hash <paramref name="hash"/> and event second
    /// <paramref name="second"/> would read, when the first slot of its probe holds that entity's code (or, compact, its
    /// hash); otherwise -1. Read after <see cref="Prefetch"/> so the record can be prefetched in turn, only when the row
    /// may need it.
    /// </summary>
    public int RecordToRead(ulong code, uint hash, uint second)
    {
        var slot = Home(hash);
        if (!IsWide)
        {
            var stored = words[slot];
            return stored != 0 && (uint)(stored >> 32) == hash ? OrdinalOf(stored) : -1;
        }

        return words[Word(slot)] == code && (KeyCode.IsHash(code) || second >= Second(slot)) ? Ordinal(slot) : -1;
    }

    /// <summary>Makes <paramref name="ordinal"/> the winner of a new entity, at the slot <see cref="Find"/> gave (no call between).</summary>
    public void Insert(int slot, ulong code, uint hash, int ordinal, uint second)
    {
        if (IsWide)
        {
            words[first + (2 * slot)] = code;
            Set(slot, ordinal, second);
        }
        else
        {
            words[slot] = Pack(hash, ordinal);
        }

        Count++;
        if (Overfull(Count, mask + 1L, IsWide))
            Resize(IsWide, 2 * (mask + 1));
    }

    /// <summary>
    /// Lays the table out in wide slots (once; later calls do nothing), reading each winner's key and event time from its
    /// row record. Worth it once rows that lose are common.
    /// </summary>
    public void Widen()
    {
        if (!IsWide)
            Resize(wide: true, Capacity(Count, wide: true));
    }

    // Sizes to a power of two, from 1,024, at which the entities are not over the layout's fill limit.
    private static int Capacity(int entities, bool wide)
    {
        var capacity = 1024;
        while (Overfull(entities, capacity, wide) && capacity < (1 << 29))
            capacity <<= 1;
        return capacity;
    }

    // Linear probing stays short up to half full over hashes, three quarters over codes (a short key's probe ends at a
    // code compare, with no record to read).
    private static bool Overfull(long entities, long capacity, bool wide) => wide ? entities * 4 > capacity * 3 : entities * 2 > capacity;

    private int Word(int slot) => IsWide ? first + (2 * slot) : slot;

    private int Ordinal(int slot) => OrdinalOf(words[IsWide ? first + (2 * slot) + 1 : slot]);

    // A word holding ordinal + 1 in its low half (so a zero word is empty) and 32 bits more in its high half: the key's
    // hash in a compact slot, the event second in a wide slot's second word.
    private static ulong Pack(uint high, int ordinal) => ((ulong)high << 32) | (uint)(ordinal + 1);

    private static int OrdinalOf(ulong word) => (int)(uint)word - 1;

    // Where a probe for the hash starts. The low bits of FNV-1a pick the slot; a multiply spreads the high bits into them.
    private int Home(uint hash) => (int)((hash * 0x9E3779B1u ^ (hash >> 16)) & (uint)mask);

    private unsafe void Allocate(int capacity, bool wide)
    {
        words = GC.AllocateArray<ulong>(wide ? (2 * capacity) + 1 : capacity, pinned: true);
        first = wide && ((nuint)Unsafe.AsPointer(ref words[0]) & 15) != 0 ? 1 : 0;
        mask = capacity - 1;
        IsWide = wide;
    }

    private void Resize(bool wide, int capacity)
    {
        var old = words;
        var oldFirst = first;
        var oldWide = IsWide;
        var oldCapacity = mask + 1;
        Allocate(capacity, wide);
        for (var s = 0; s < oldCapacity; s++)
        {
            var head = oldWide ? old[oldFirst + (2 * s)] : old[s];
            if (head == 0)
                continue;
            var value = oldWide ? old[oldFirst + (2 * s) + 1] : (uint)head;
            var hash = oldWide ? KeyCode.HashOf(head) : (uint)(head >> 32);
            var code = head;
            if (wide && !oldWide)
            {
                var ordinal = OrdinalOf(head);
                code = KeyCode.Of(rows.KeyBytes(ordinal), hash);
                value = Pack(SecondOf(rows.EventTicks(ordinal)), ordinal);
            }

            var slot = Home(hash);
            while (words[Word(slot)] != 0)
                slot = (slot + 1) & mask;
            if (wide)
            {
                words[first + (2 * slot)] = code;
                words[first + (2 * slot) + 1] = value;
            }
            else
            {
                words[slot] = Pack(hash, OrdinalOf(value));
            }
        }
    }
}
