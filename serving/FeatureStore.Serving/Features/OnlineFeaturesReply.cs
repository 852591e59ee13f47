using FeatureStore.Online;
using FeatureStore.Serving.Metrics;
using FeatureStore.Serving.Snapshot;
using FeatureStore.Serving.V1;

namespace FeatureStore.Serving.Features;

/// <summary>
/// A <c>GetOnlineFeaturesResponse</c> encoded straight from the store's rows (no Value/Timestamp objects: a 100-entity
/// reply would otherwise allocate ten thousand of them). Decides each status as it goes: no row → MISSING; row older
/// than the view's TTL at request time → OUTSIDE_TTL (value withheld, timestamp kept); stored null → NULL_VALUE;
/// else PRESENT. Every vector is encoded once, when the reply is created, into a pooled <see cref="ReplyBody"/> (each
/// stored value is decoded once), and statuses and value ages are counted per view on the way; <see cref="WriteTo"/>
/// then copies the vectors out in response order and releases the buffer, so it runs once.
/// </summary>
internal sealed class OnlineFeaturesReply
{
    // GetOnlineFeaturesResponse: metadata = 1, results = 2. FeatureVector: values = 1, statuses = 2 (packed), event_timestamps = 3.
    private const byte MetadataTag = (1 << 3) | 2, ResultsTag = (2 << 3) | 2;
    private const byte ValuesTag = (1 << 3) | 2, StatusesTag = (2 << 3) | 2, TimestampsTag = (3 << 3) | 2;
    private const int MaxHeaderSize = 6; // a one-byte tag and a length of up to five varint bytes
    private const int MaxTimestampFieldSize = 20; // see EncodedField

    // A scalar cell takes at most 13 bytes of value field, one status byte and 14 of event timestamp (until the year
    // 3058): sized so, a body of scalar features never grows (a growth copies it); strings and lists can grow it.
    private const int CellSizeEstimate = 28;

    private readonly byte[] metadata;
    private readonly ReplyBody body;
    private readonly (int Start, int Length)[] vectors; // by output slot

    public OnlineFeaturesReply(FeatureRead read)
        : this(read.Plan, read.Result, read.RowCount, read.NowTicks, read.FullFeatureNames)
    {
    }

    public OnlineFeaturesReply(ReadPlan plan, OnlineReadResult result, int rowCount, long nowTicks, bool fullFeatureNames)
    {
        metadata = fullFeatureNames ? plan.FullNamesMetadata : plan.ShortNamesMetadata;
        vectors = new (int, int)[plan.FeatureCount];
        body = new ReplyBody(plan.FeatureCount * rowCount * CellSizeEstimate);
        var size = ProtoSpanWriter.FieldSize(metadata.Length);
        Span<int> counts = stackalloc int[ServedStatuses.Count];
        Span<byte> statuses = rowCount <= 1024 ? stackalloc byte[rowCount] : new byte[rowCount];
        for (var v = 0; v < plan.Views.Count; v++)
        {
            var read = plan.Views[v];
            var viewRows = result.Requests[v].Rows;
            var states = InspectView(read, viewRows, rowCount, nowTicks);
            counts.Clear();
            for (var f = 0; f < read.FeatureNames.Length; f++)
            {
                var start = body.Position;
                EncodeVector(states, viewRows, f, statuses, counts);
                vectors[read.OutputSlots[f]] = (start, body.Position - start);
                size += ProtoSpanWriter.FieldSize(body.Position - start);
            }

            for (var status = 0; status < counts.Length; status++)
            {
                if (counts[status] > 0)
                    read.Metrics.CountStatus((ServedStatus)status, counts[status]);
            }
        }

        Size = size;
    }

    public int Size { get; }

    /// <summary>Writes the message (exactly <see cref="Size"/> bytes) and releases the encoded vectors: call once.</summary>
    public void WriteTo(Span<byte> destination)
    {
        var writer = new ProtoSpanWriter(destination);
        writer.Header(MetadataTag, metadata.Length);
        writer.Bytes(metadata);
        foreach (var (start, length) in vectors)
        {
            writer.Header(ResultsTag, length);
            writer.Bytes(body.Slice(start, length));
        }

        body.Release();
        if (writer.Position != Size)
            throw new InvalidOperationException($"GetOnlineFeaturesResponse encoder wrote {writer.Position} bytes, sized {Size}");
    }

    private static ServedStatus ToServed(FieldStatus status) => status switch
    {
        FieldStatus.Present => ServedStatus.Present,
        FieldStatus.NullValue => ServedStatus.NullValue,
        FieldStatus.OutsideTtl => ServedStatus.OutsideTtl,
        _ => ServedStatus.Missing,
    };

    /// <summary>One feature's FeatureVector body: values, packed statuses, event timestamps. Counts its statuses (by <see cref="ServedStatus"/>).</summary>
    private void EncodeVector(RowState[] states, IReadOnlyList<OnlineEntityRow> viewRows, int f, Span<byte> statuses, Span<int> counts)
    {
        var rowCount = statuses.Length;
        for (var r = 0; r < rowCount; r++)
        {
            var status = Status(states[r], viewRows[r], f, out var value);
            statuses[r] = (byte)status;
            counts[(int)ToServed(status)]++;
            var valueSize = status == FieldStatus.Present ? WireValue.Size(value) : 0;
            var writer = new ProtoSpanWriter(body.Reserve(MaxHeaderSize + valueSize));
            writer.Header(ValuesTag, valueSize);
            if (status == FieldStatus.Present)
                WireValue.Write(ref writer, value);
            body.Advance(writer.Position);
        }

        if (rowCount > 0)
        {
            var writer = new ProtoSpanWriter(body.Reserve(MaxHeaderSize + rowCount));
            writer.Header(StatusesTag, rowCount);
            writer.Bytes(statuses);
            body.Advance(writer.Position);
        }

        var timestamps = new ProtoSpanWriter(body.Reserve(rowCount * MaxTimestampFieldSize));
        for (var r = 0; r < rowCount; r++)
        {
            if (statuses[r] == (byte)FieldStatus.Missing)
                timestamps.Header(TimestampsTag, 0);
            else
                states[r].TimestampField.WriteTo(ref timestamps);
        }

        body.Advance(timestamps.Position);
    }

    private static FieldStatus Status(RowState state, OnlineEntityRow row, int feature, out FeatureValue value)
    {
        value = default;
        if (state.Kind == RowKind.Missing || row.Values[feature] is not { } stored)
            return FieldStatus.Missing;
        if (state.Kind == RowKind.Expired)
            return FieldStatus.OutsideTtl;
        value = stored;
        return stored.IsNull ? FieldStatus.NullValue : FieldStatus.Present;
    }

    /// <summary>
    /// Per row of one view: found, live or expired at request time, and its event_timestamps element encoded once (the
    /// view's features all repeat it). Observes each found row's age.
    /// </summary>
    private static RowState[] InspectView(ViewRead read, IReadOnlyList<OnlineEntityRow> viewRows, int rowCount, long nowTicks)
    {
        var states = new RowState[rowCount];
        for (var r = 0; r < rowCount; r++)
        {
            var row = viewRows[r];
            if (!row.Found)
                continue;
            var eventTicks = row.EventTimestamp.UtcTicks;
            var ageTicks = nowTicks - eventTicks;
            read.Metrics.ServedValueAge.Observe((double)ageTicks / TimeSpan.TicksPerSecond);
            var expired = OnlineTtl.IsExpired(eventTicks, read.TtlTicks, nowTicks);
            states[r] = new RowState(expired ? RowKind.Expired : RowKind.Live, EncodedField.Timestamp(TimestampsTag, eventTicks));
        }

        return states;
    }

    private enum RowKind : byte
    {
        Missing = 0,
        Live,
        Expired,
    }

    private readonly record struct RowState(RowKind Kind, EncodedField TimestampField);
}
