using System.Buffers;
using FeatureStore.Online;

namespace FeatureStore.Materialization.Source;

/// <summary>
/// A view's window rows in columnar form: per row (an ordinal, in read order) its segment, row in the segment, event and
/// created ticks, and its entity key's canonical bytes in one shared buffer. Feature values stay in the decoded columns
/// and are converted per row only when a row is checked, quarantined or written.
/// </summary>
internal sealed class ScannedRows
{
    private readonly List<ScannedSegment> segments = [];
    private readonly ArrayBufferWriter<byte> keyBytes = new(1 << 16);
    private readonly List<int> segmentOf = [];
    private readonly List<int> rowOf = [];
    private readonly List<long> eventTicks = [];
    private readonly List<long> createdTicks = [];
    private readonly List<int> keyEnd = [];
    private readonly List<int> keyHash = [];

    public ScannedRows()
    {
        Keys = new KeyComparer(this);
    }

    public int Count => rowOf.Count;

    /// <summary>The source files read (path, length, last write), one per line: part of a run's work key.</summary>
    public string SourceFingerprint { get; set; } = "";

    /// <summary>Compares row ordinals by their entity key bytes.</summary>
    public IEqualityComparer<int> Keys { get; }

    public long EventTicks(int ordinal) => eventTicks[ordinal];

    public void AddSegment(ScannedSegment segment) => segments.Add(segment);

    /// <summary>Adds a row of the last segment; its key parts are encoded here (the values are not kept).</summary>
    public void Add(int row, long eventTicksValue, long createdTicksValue, ReadOnlySpan<FeatureValue> keyParts)
    {
        var start = keyBytes.WrittenCount;
        EntityKey.WriteEncoded(keyBytes, keyParts);
        var hash = new HashCode();
        hash.AddBytes(keyBytes.WrittenSpan[start..]);
        segmentOf.Add(segments.Count - 1);
        rowOf.Add(row);
        eventTicks.Add(eventTicksValue);
        createdTicks.Add(createdTicksValue);
        keyEnd.Add(keyBytes.WrittenCount);
        keyHash.Add(hash.ToHashCode());
    }

    /// <summary>True when row <paramref name="a"/> beats row <paramref name="b"/> of the same entity: later event time, then later created time.</summary>
    public bool IsNewer(int a, int b) =>
        eventTicks[a] != eventTicks[b] ? eventTicks[a] > eventTicks[b] : createdTicks[a] > createdTicks[b];

    public bool IsNull(int ordinal, int feature) => segments[segmentOf[ordinal]].FeatureColumns[feature].IsNull(rowOf[ordinal]);

    /// <summary>Feature <paramref name="feature"/> (view order) of a row, converted to the view's type.</summary>
    public FeatureValue Value(int ordinal, int feature)
    {
        return segments[segmentOf[ordinal]].Converters[feature](rowOf[ordinal]);
    }

    public FeatureValue[] Values(int ordinal)
    {
        var segment = segments[segmentOf[ordinal]];
        var row = rowOf[ordinal];
        var converters = segment.Converters;
        var values = new FeatureValue[converters.Length];
        for (var f = 0; f < values.Length; f++)
            values[f] = converters[f](row);
        return values;
    }

    /// <summary>FNV-1a of the key bytes: the same in every process (unlike <see cref="HashCode"/>), so partitions are stable across runs.</summary>
    public uint StableHash(int ordinal)
    {
        var hash = 2166136261u;
        foreach (var b in KeyBytes(ordinal))
            hash = (hash ^ b) * 16777619u;
        return hash;
    }

    public EntityKey Key(int ordinal) => EntityKey.FromEncoded(KeyBytes(ordinal));

    public OnlineRow ToOnlineRow(int ordinal) => new(Key(ordinal), Values(ordinal), new DateTimeOffset(eventTicks[ordinal], TimeSpan.Zero));

    /// <summary>The row as a <see cref="SourceRow"/> (for quarantine files and error messages; not on the hot path).</summary>
    public SourceRow ToSourceRow(int ordinal)
    {
        var segment = segments[segmentOf[ordinal]];
        return new SourceRow(Key(ordinal), Values(ordinal), eventTicks[ordinal], createdTicks[ordinal], segment.File, segment.FirstRow + rowOf[ordinal]);
    }

    private ReadOnlySpan<byte> KeyBytes(int ordinal)
    {
        var start = ordinal == 0 ? 0 : keyEnd[ordinal - 1];
        return keyBytes.WrittenSpan[start..keyEnd[ordinal]];
    }

    private sealed class KeyComparer(ScannedRows rows) : IEqualityComparer<int>
    {
        public bool Equals(int x, int y) => x == y || (rows.keyHash[x] == rows.keyHash[y] && rows.KeyBytes(x).SequenceEqual(rows.KeyBytes(y)));

        public int GetHashCode(int obj) => rows.keyHash[obj];
    }
}
