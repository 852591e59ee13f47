using System.Runtime.InteropServices;

namespace FeatureStore.Offline;

/// <summary>
/// The join's view of one feature row (32 bytes): spine key id, timestamps, and where the row lives (<see cref="Ref"/> =
/// row-group ordinal &lt;&lt; 32 | row). <see cref="Created"/> equals <see cref="Event"/> when the row has no created time.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct FeatureRow
{
    public long Event;
    public long Created;
    public long Ref;
    public int Key;

    /// <summary>When the row becomes a candidate: its event time, or max(event, created) in as-known-at mode.</summary>
    public readonly long Order(bool asOfCreated) => CandidateTime(Event, Created, asOfCreated);

    /// <summary>When a row with these times becomes a candidate (see <see cref="Order"/>).</summary>
    public static long CandidateTime(long eventTime, long createdTime, bool asOfCreated) =>
        asOfCreated ? Math.Max(eventTime, createdTime) : eventTime;

    public static long MakeRef(int rowGroupOrdinal, int row) => ((long)rowGroupOrdinal << 32) | (uint)row;

    public static int RowGroupOf(long reference) => (int)(reference >> 32);

    public static int RowOf(long reference) => (int)(reference & 0xFFFF_FFFF);

    /// <summary>True when this row beats <paramref name="other"/>: greater event time, then created time, then later position in the source.</summary>
    public readonly bool Beats(in FeatureRow other) =>
        Event != other.Event ? Event > other.Event
        : Created != other.Created ? Created > other.Created
        : Ref > other.Ref;
}

/// <summary>Sorts the rows of one key in the order they become candidates.</summary>
internal readonly struct CandidateOrder(bool asOfCreated) : IComparer<FeatureRow>
{
    public int Compare(FeatureRow x, FeatureRow y)
    {
        var (xOrder, yOrder) = (x.Order(asOfCreated), y.Order(asOfCreated));
        return xOrder != yOrder ? xOrder.CompareTo(yOrder)
            : x.Event != y.Event ? x.Event.CompareTo(y.Event)
            : x.Created != y.Created ? x.Created.CompareTo(y.Created)
            : x.Ref.CompareTo(y.Ref);
    }
}
