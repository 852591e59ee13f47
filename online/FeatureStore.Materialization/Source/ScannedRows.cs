using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using FeatureStore.Online;

namespace FeatureStore.Materialization.Source;

/// <summary>
/// Window rows: per row (an ordinal, in read order) one record of its segment, row in the segment, event and created
/// ticks, where its entity key's canonical bytes sit in one shared buffer and the key's stable hash (one record, so
/// looking a row up while keying touches one cache line), and the reason a per-row quality rule rejected it (rare, kept
/// sparse). Feature values stay in the segments' decoded columns and are converted per row only when a row is checked,
/// quarantined, spilled or written, unless <see cref="GatherFeatures"/> copied them out (the winners of a view without
/// quality rules, so their row groups can be dropped). Rows read back from spill files also carry their
/// sequence number in the whole window's read order (otherwise the ordinal is that number).
/// </summary>
internal sealed class ScannedRows : IScanSink
{
    private readonly List<ScannedSegment> segments = [];
    private byte[] keyBytes;
    private int keyBytesWritten;
    private Entry[] entries;
    private List<long>? sequence;
    private Dictionary<int, string>? reasons;
    private FeatureValue[]? gathered;
    private int gatheredFeatures;

    /// <param name="expectedRows">
    /// Rows about to be added, when known (an upper bound is fine): the per-row arrays are sized once instead of growing
    /// by copies into fresh memory, which costs a page fault per 4 KiB. The records are not zeroed, so the pages of an
    /// upper bound never reached are never touched.
    /// </param>
    public ScannedRows(int expectedRows = 0)
    {
        var capacity = Math.Max(expectedRows, 16);
        keyBytes = GC.AllocateUninitializedArray<byte>((int)Math.Min(Math.Max(1L << 16, capacity * 8L), Array.MaxLength));
        entries = GC.AllocateUninitializedArray<Entry>(capacity);
    }

    public int Count { get; private set; }

    public long EventTicks(int ordinal) => At(ordinal).EventTicks;

    public long CreatedTicks(int ordinal) => At(ordinal).CreatedTicks;

    /// <summary>The row's place in the whole window's read order.</summary>
    public long Sequence(int ordinal) => sequence is null ? ordinal : sequence[ordinal];

    /// <summary>Why a per-row quality rule rejected the row when it was read, or null.</summary>
    public string? Reason(int ordinal) => reasons is not null && reasons.TryGetValue(ordinal, out var reason) ? reason : null;

    public void AddSegment(ScannedSegment segment) => segments.Add(segment);

    /// <summary>Adds a batch of rows of the last segment.</summary>
    public void Add(ScanBatch batch)
    {
        var rows = batch.Rows;
        var eventTicks = batch.EventTicks;
        var createdTicks = batch.CreatedTicks;
        var hashes = batch.Hashes;
        for (var i = 0; i < rows.Length; i++)
            Append(rows[i], eventTicks[i], createdTicks[i], batch.Key(i), hashes[i], batch.Reason(i));
    }

    /// <summary>Adds a row of the last segment read back from a spill file, with its encoded key and read-order number.</summary>
    public void AddEncoded(int row, long eventTicksValue, long createdTicksValue, ReadOnlySpan<byte> key, long sequenceNumber, string? reason)
    {
        if (sequence is null)
        {
            sequence = new List<long>(Math.Max(16, Count + 1));
            for (var i = 0; i < Count; i++)
                sequence.Add(i);
        }

        sequence.Add(sequenceNumber);
        Append(row, eventTicksValue, createdTicksValue, key, StableHashOf(key), reason);
    }

    /// <summary>True when row <paramref name="a"/> beats row <paramref name="b"/> of the same entity: later event time, then later created time.</summary>
    public bool IsNewer(int a, int b)
    {
        ref readonly var x = ref At(a);
        ref readonly var y = ref At(b);
        return IsNewer(x.EventTicks, x.CreatedTicks, y.EventTicks, y.CreatedTicks);
    }

    /// <summary>The rule of <see cref="IsNewer(int, int)"/> on the times themselves (on a full tie neither is newer: the first read stays).</summary>
    public static bool IsNewer(long eventA, long createdA, long eventB, long createdB) =>
        eventA != eventB ? eventA > eventB : createdA > createdB;

    /// <summary>Adds a row of the last segment whose key is already encoded and hashed (<see cref="StableHashOf"/>).</summary>
    public void AddKey(int row, long eventTicksValue, long createdTicksValue, ReadOnlySpan<byte> key, uint hash) =>
        Append(row, eventTicksValue, createdTicksValue, key, hash, null);

    /// <summary>
    /// Points an existing ordinal (same entity) at row <paramref name="row"/> of the last segment, with its times, when
    /// that row is newer (<see cref="IsNewer(long, long, long, long)"/>); true when it was.
    /// </summary>
    public bool ReplaceIfNewer(int ordinal, int row, long eventTicksValue, long createdTicksValue)
    {
        ref var entry = ref At(ordinal);
        if (!IsNewer(eventTicksValue, createdTicksValue, entry.EventTicks, entry.CreatedTicks))
            return false;
        entry.Segment = segments.Count - 1;
        entry.Row = row;
        entry.EventTicks = eventTicksValue;
        entry.CreatedTicks = createdTicksValue;
        return true;
    }

    /// <summary>True when row <paramref name="ordinal"/>'s key has stable hash <paramref name="hash"/> and bytes <paramref name="key"/>.</summary>
    public bool HasKey(int ordinal, uint hash, ReadOnlySpan<byte> key)
    {
        ref readonly var entry = ref At(ordinal);
        if (entry.KeyHash != hash || entry.KeyLength != key.Length)
            return false;
        return key.Length <= sizeof(ulong)
            ? entry.KeyPrefix == Prefix(key)
            : keyBytes.AsSpan(entry.KeyStart, entry.KeyLength).SequenceEqual(key);
    }

    /// <summary>Asks the CPU to bring row <paramref name="ordinal"/>'s record into cache ahead of a lookup (a hint: no effect without SSE).</summary>
    public unsafe void Prefetch(int ordinal)
    {
        if (Sse.IsSupported && (uint)ordinal < (uint)Count)
            Sse.Prefetch0(Unsafe.AsPointer(ref entries[ordinal]));
    }

    /// <summary>
    /// Converts every row's feature values once into one array (row-major by ordinal), segment by segment:
    /// <paramref name="forEach"/> runs the segments holding rows (the caller may run them in parallel: each writes only
    /// its own rows' values), and for each <paramref name="load"/> decodes its feature columns, its rows' values are
    /// copied, and the segment's decoded columns are released. Memory then holds <paramref name="featureCount"/> values
    /// per row instead of whole row groups; <see cref="Value"/>, <see cref="Values"/> and <see cref="IsNull"/> read them.
    /// </summary>
    /// <param name="forEach">Runs its second argument once for each index below its first.</param>
    public void GatherFeatures(int featureCount, Action<int, Action<int>> forEach, Action<ScannedSegment> load, CancellationToken ct)
    {
        var values = new FeatureValue[checked(Count * featureCount)];
        var bySegment = new List<(int Row, int Ordinal)>?[segments.Count];
        for (var ordinal = 0; ordinal < Count; ordinal++)
            (bySegment[entries[ordinal].Segment] ??= []).Add((entries[ordinal].Row, ordinal));
        var holding = Enumerable.Range(0, segments.Count).Where(s => bySegment[s] is not null).ToArray();
        forEach(holding.Length, h =>
        {
            ct.ThrowIfCancellationRequested();
            var segment = segments[holding[h]];
            var held = bySegment[holding[h]]!;
            load(segment);
            held.Sort();
            var converters = segment.Converters;
            foreach (var (row, ordinal) in held)
            {
                for (var f = 0; f < featureCount; f++)
                    values[(ordinal * featureCount) + f] = converters[f](row);
            }

            segment.Release();
        });

        gathered = values;
        gatheredFeatures = featureCount;
    }

    /// <summary>
    /// The rows of <paramref name="parts"/> one after another: parts holding rows of the same segments (added in the same
    /// order) and nothing else (no read-order numbers, reasons or gathered values). Part k's ordinal i becomes the
    /// rows before part k plus i.
    /// </summary>
    public static ScannedRows Concat(IReadOnlyList<ScannedRows> parts)
    {
        if (parts.Count == 1)
            return parts[0];
        var first = parts[0];
        if (parts.Any(p => p.segments.Count != first.segments.Count || p.sequence is not null || p.reasons is not null || p.gathered is not null))
            throw new InvalidOperationException("only rows of the same segments, with nothing but keys and times, can be put together");
        var all = new ScannedRows(parts.Sum(p => p.Count));
        all.segments.AddRange(first.segments);
        all.keyBytes = GC.AllocateUninitializedArray<byte>(Math.Max(1, parts.Sum(p => p.keyBytesWritten)));
        foreach (var part in parts)
        {
            var keyShift = all.keyBytesWritten;
            part.keyBytes.AsSpan(0, part.keyBytesWritten).CopyTo(all.keyBytes.AsSpan(keyShift));
            all.keyBytesWritten += part.keyBytesWritten;
            for (var i = 0; i < part.Count; i++)
            {
                var entry = part.entries[i];
                entry.KeyStart += keyShift;
                all.entries[all.Count++] = entry;
            }
        }

        return all;
    }

    public bool IsNull(int ordinal, int feature)
    {
        if (gathered is not null)
            return Gathered(ordinal, feature).IsNull;
        ref readonly var entry = ref At(ordinal);
        return segments[entry.Segment].FeatureColumns[feature].IsNull(entry.Row);
    }

    /// <summary>Feature <paramref name="feature"/> (view order) of a row, converted to the view's type.</summary>
    public FeatureValue Value(int ordinal, int feature)
    {
        if (gathered is not null)
            return Gathered(ordinal, feature);
        ref readonly var entry = ref At(ordinal);
        return segments[entry.Segment].Converters[feature](entry.Row);
    }

    public FeatureValue[] Values(int ordinal)
    {
        if (gathered is not null)
        {
            _ = At(ordinal);
            return gathered.AsSpan(ordinal * gatheredFeatures, gatheredFeatures).ToArray();
        }

        ref readonly var entry = ref At(ordinal);
        var row = entry.Row;
        var converters = segments[entry.Segment].Converters;
        var values = new FeatureValue[converters.Length];
        for (var f = 0; f < values.Length; f++)
            values[f] = converters[f](row);
        return values;
    }

    /// <summary>FNV-1a of the key bytes: the same in every process (unlike <see cref="HashCode"/>), so partitions are stable across runs.</summary>
    public uint StableHash(int ordinal) => At(ordinal).KeyHash;

    public static uint StableHashOf(ReadOnlySpan<byte> key)
    {
        var hash = 2166136261u;
        foreach (var b in key)
            hash = (hash ^ b) * 16777619u;
        return hash;
    }

    public ReadOnlySpan<byte> KeyBytes(int ordinal)
    {
        ref readonly var entry = ref At(ordinal);
        return keyBytes.AsSpan(entry.KeyStart, entry.KeyLength);
    }

    public EntityKey Key(int ordinal) => EntityKey.FromEncoded(KeyBytes(ordinal));

    public OnlineRow ToOnlineRow(int ordinal) => new(Key(ordinal), Values(ordinal), new DateTimeOffset(At(ordinal).EventTicks, TimeSpan.Zero));

    /// <summary>Where the row came from: source file (relative to the repo) and row in that file.</summary>
    public (string File, long Row) Origin(int ordinal)
    {
        ref readonly var entry = ref At(ordinal);
        return segments[entry.Segment].Origin(entry.Row);
    }

    /// <summary>The row as a <see cref="SourceRow"/> (for quarantine files and error messages; not on the hot path).</summary>
    public SourceRow ToSourceRow(int ordinal)
    {
        var (file, row) = Origin(ordinal);
        ref readonly var entry = ref At(ordinal);
        return new SourceRow(Key(ordinal), Values(ordinal), entry.EventTicks, entry.CreatedTicks, file, row);
    }

    private FeatureValue Gathered(int ordinal, int feature)
    {
        _ = At(ordinal);
        if ((uint)feature >= (uint)gatheredFeatures)
            throw new ArgumentOutOfRangeException(nameof(feature), feature, $"there are {gatheredFeatures} features");
        return gathered![(ordinal * gatheredFeatures) + feature];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref Entry At(int ordinal)
    {
        if ((uint)ordinal >= (uint)Count)
            ThrowNoRow(ordinal);
        return ref entries[ordinal];
    }

    private void ThrowNoRow(int ordinal) => throw new ArgumentOutOfRangeException(nameof(ordinal), ordinal, $"there are {Count} rows");

    /// <summary>Records a row of the last segment, its key bytes appended to the shared key buffer.</summary>
    private void Append(int row, long eventTicksValue, long createdTicksValue, ReadOnlySpan<byte> key, uint hash, string? reason)
    {
        var keyStart = keyBytesWritten;
        GrowingBytes.EnsureRoom(ref keyBytes, keyStart + key.Length);
        key.CopyTo(keyBytes.AsSpan(keyStart));
        keyBytesWritten = keyStart + key.Length;
        if (reason is not null)
            (reasons ??= [])[Count] = reason;
        if (Count == entries.Length)
            Array.Resize(ref entries, (int)Math.Min(entries.Length * 2L, Array.MaxLength));
        entries[Count++] = new Entry
        {
            EventTicks = eventTicksValue,
            CreatedTicks = createdTicksValue,
            Segment = segments.Count - 1,
            Row = row,
            KeyStart = keyStart,
            KeyLength = key.Length,
            KeyHash = hash,
            KeyPrefix = Prefix(key),
        };
    }

    /// <summary>The key's first 8 bytes (zero-padded): a key that short is compared from its row record alone.</summary>
    private static ulong Prefix(ReadOnlySpan<byte> key) =>
        key.Length >= sizeof(ulong) ? BinaryPrimitives.ReadUInt64LittleEndian(key) : KeyCode.Bytes(key);

    private struct Entry
    {
        public long EventTicks;
        public long CreatedTicks;
        public int Segment;
        public int Row;
        public int KeyStart;
        public int KeyLength;
        public uint KeyHash;
        public ulong KeyPrefix;
    }
}
