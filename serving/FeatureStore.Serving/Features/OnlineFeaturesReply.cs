using FeatureStore.Online;
using FeatureStore.Serving.Metrics;
using FeatureStore.Serving.Snapshot;
using FeatureStore.Serving.V1;

namespace FeatureStore.Serving.Features;

/// <summary>
/// A <c>GetOnlineFeaturesResponse</c> encoded straight from the store's rows (no Value/Timestamp objects: a 100-entity
/// reply would otherwise allocate ten thousand of them). Decides each status as it goes: no row → MISSING; row older
/// than the view's TTL at request time → OUTSIDE_TTL (value withheld, timestamp kept); stored null → NULL_VALUE;
/// else PRESENT. Counts statuses and value ages per view once, when the reply is created (and sized).
/// </summary>
internal sealed class OnlineFeaturesReply
{
    // GetOnlineFeaturesResponse: metadata = 1, results = 2. FeatureVector: values = 1, statuses = 2 (packed), event_timestamps = 3.
    private const byte MetadataTag = (1 << 3) | 2, ResultsTag = (2 << 3) | 2;
    private const byte ValuesTag = (1 << 3) | 2, StatusesTag = (2 << 3) | 2, TimestampsTag = (3 << 3) | 2;
    private const int EmptyTimestampFieldSize = 2; // tag and a zero length

    private readonly ReadPlan plan;
    private readonly OnlineReadResult result;
    private readonly int rowCount;
    private readonly byte[] metadata;
    private readonly RowState[][] rows;
    private readonly int[] vectorSizes;

    public OnlineFeaturesReply(FeatureRead read)
        : this(read.Plan, read.Result, read.RowCount, read.NowTicks, read.FullFeatureNames)
    {
    }

    public OnlineFeaturesReply(ReadPlan plan, OnlineReadResult result, int rowCount, long nowTicks, bool fullFeatureNames)
    {
        this.plan = plan;
        this.result = result;
        this.rowCount = rowCount;
        metadata = fullFeatureNames ? plan.FullNamesMetadata : plan.ShortNamesMetadata;
        rows = new RowState[plan.Views.Count][];
        vectorSizes = new int[plan.FeatureCount];
        var size = ProtoSpanWriter.FieldSize(metadata.Length);
        Span<int> counts = stackalloc int[ServedStatuses.Count];
        for (var v = 0; v < rows.Length; v++)
        {
            var read = plan.Views[v];
            rows[v] = InspectView(read, result.Requests[v].Rows, nowTicks);
            counts.Clear();
            for (var f = 0; f < read.FeatureNames.Length; f++)
            {
                var vectorSize = VectorSize(v, f, counts);
                vectorSizes[read.OutputSlots[f]] = vectorSize;
                size += ProtoSpanWriter.FieldSize(vectorSize);
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

    public void WriteTo(Span<byte> destination)
    {
        var writer = new ProtoSpanWriter(destination);
        writer.Header(MetadataTag, metadata.Length);
        writer.Bytes(metadata);
        // Vectors go out in response order (output slot), which need not be view order.
        for (var slot = 0; slot < vectorSizes.Length; slot++)
        {
            var (v, f) = plan.SlotSources[slot];
            writer.Header(ResultsTag, vectorSizes[slot]);
            WriteVector(ref writer, v, f);
        }

        if (writer.Position != Size)
            throw new InvalidOperationException($"GetOnlineFeaturesResponse encoder wrote {writer.Position} bytes, sized {Size}");
    }

    /// <summary>The encoded size of one feature's vector; counts its statuses into <paramref name="counts"/> (by <see cref="ServedStatus"/>) on the way.</summary>
    private int VectorSize(int v, int f, Span<int> counts)
    {
        var states = rows[v];
        var viewRows = result.Requests[v].Rows;
        var size = rowCount == 0 ? 0 : ProtoSpanWriter.FieldSize(rowCount); // packed statuses: one byte each
        for (var r = 0; r < rowCount; r++)
        {
            var status = Status(states[r], viewRows[r], f, out var value);
            counts[(int)ToServed(status)]++;
            size += ProtoSpanWriter.FieldSize(status == FieldStatus.Present ? WireValue.Size(value) : 0);
            size += status == FieldStatus.Missing ? EmptyTimestampFieldSize : states[r].TimestampField.Length;
        }

        return size;
    }

    private static ServedStatus ToServed(FieldStatus status) => status switch
    {
        FieldStatus.Present => ServedStatus.Present,
        FieldStatus.NullValue => ServedStatus.NullValue,
        FieldStatus.OutsideTtl => ServedStatus.OutsideTtl,
        _ => ServedStatus.Missing,
    };

    private void WriteVector(ref ProtoSpanWriter writer, int v, int f)
    {
        var states = rows[v];
        var viewRows = result.Requests[v].Rows;
        // The vector's three fields each walk the rows; decide every row's status once.
        Span<byte> statuses = rowCount <= 1024 ? stackalloc byte[rowCount] : new byte[rowCount];
        for (var r = 0; r < rowCount; r++)
        {
            var status = Status(states[r], viewRows[r], f, out var value);
            statuses[r] = (byte)status;
            if (status == FieldStatus.Present)
            {
                writer.Header(ValuesTag, WireValue.Size(value));
                WireValue.Write(ref writer, value);
            }
            else
            {
                writer.Header(ValuesTag, 0);
            }
        }

        if (rowCount > 0)
        {
            writer.Header(StatusesTag, rowCount);
            writer.Bytes(statuses);
        }

        for (var r = 0; r < rowCount; r++)
        {
            if (statuses[r] == (byte)FieldStatus.Missing)
            {
                writer.Header(TimestampsTag, 0);
            }
            else
            {
                states[r].TimestampField.WriteTo(ref writer);
            }
        }
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
    private RowState[] InspectView(ViewRead read, IReadOnlyList<OnlineEntityRow> viewRows, long nowTicks)
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
