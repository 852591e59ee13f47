using FeatureStore.Online;
using FeatureStore.Serving.Metrics;
using FeatureStore.Serving.Snapshot;
using FeatureStore.Serving.V1;
using Google.Protobuf;
using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;

namespace FeatureStore.Serving.Features;

/// <summary>
/// The same reply as <see cref="OnlineFeaturesReply"/>, built as generated message objects for the generated
/// marshaller to serialize (<see cref="Hosting.ReplyEncoding.Generated"/>). Same status and TTL rules, same metrics.
/// </summary>
internal static class OnlineFeaturesMessage
{
    // Shared by every reply and only ever serialized: an absent value and an absent event time.
    private static readonly Value NoValue = new();
    private static readonly Timestamp NoTimestamp = new();

    public static GetOnlineFeaturesResponse Build(FeatureRead read)
    {
        var plan = read.Plan;
        var response = new GetOnlineFeaturesResponse
        {
            Metadata = new GetOnlineFeaturesResponseMetadata { FeatureNames = new FeatureList { Val = { read.FullFeatureNames ? plan.FullNames : plan.ShortNames } } },
        };
        var vectors = new FeatureVector[plan.FeatureCount];
        for (var slot = 0; slot < vectors.Length; slot++)
        {
            vectors[slot] = new FeatureVector();
        }

        Span<int> counts = stackalloc int[ServedStatuses.Count];
        var timestamps = new Timestamp?[read.RowCount];
        for (var v = 0; v < plan.Views.Count; v++)
        {
            var view = plan.Views[v];
            var rows = read.Result.Requests[v].Rows;
            counts.Clear();
            for (var r = 0; r < read.RowCount; r++)
            {
                var row = rows[r];
                timestamps[r] = null;
                if (row.Found)
                {
                    view.Metrics.ServedValueAge.Observe((double)(read.NowTicks - row.EventTimestamp.UtcTicks) / TimeSpan.TicksPerSecond);
                    timestamps[r] = Timestamp.FromDateTimeOffset(row.EventTimestamp);
                }
            }

            for (var f = 0; f < view.FeatureNames.Length; f++)
            {
                var vector = vectors[view.OutputSlots[f]];
                for (var r = 0; r < read.RowCount; r++)
                {
                    var row = rows[r];
                    var expired = OnlineTtl.IsExpired(row.EventTimestamp.UtcTicks, view.TtlTicks, read.NowTicks);
                    var (status, served, value) = (row.Found ? row.Values[f] : null) switch
                    {
                        null => (FieldStatus.Missing, ServedStatus.Missing, NoValue),
                        _ when expired => (FieldStatus.OutsideTtl, ServedStatus.OutsideTtl, NoValue),
                        { IsNull: true } => (FieldStatus.NullValue, ServedStatus.NullValue, NoValue),
                        { } stored => (FieldStatus.Present, ServedStatus.Present, ToValue(stored)),
                    };
                    counts[(int)served]++;
                    vector.Values.Add(value);
                    vector.Statuses.Add(status);
                    vector.EventTimestamps.Add(status == FieldStatus.Missing ? NoTimestamp : timestamps[r]!);
                }
            }

            for (var status = 0; status < counts.Length; status++)
            {
                if (counts[status] > 0)
                    view.Metrics.CountStatus((ServedStatus)status, counts[status]);
            }
        }

        response.Results.AddRange(vectors);
        return response;
    }

    private static Value ToValue(FeatureValue value) => value.Kind switch
    {
        FeatureValueKind.Int32 => new Value { Int32Val = value.AsInt32() },
        FeatureValueKind.Int64 => new Value { Int64Val = value.AsInt64() },
        FeatureValueKind.Float32 => new Value { FloatVal = value.AsFloat32() },
        FeatureValueKind.Float64 => new Value { DoubleVal = value.AsFloat64() },
        FeatureValueKind.Bool => new Value { BoolVal = value.AsBool() },
        FeatureValueKind.String => new Value { StringVal = value.AsString() },
        FeatureValueKind.Bytes => new Value { BytesVal = ByteString.CopyFrom(value.AsBytes().Span) },
        FeatureValueKind.Timestamp => new Value { TimestampVal = Timestamp.FromDateTimeOffset(value.AsTimestamp()) },
        FeatureValueKind.Float32List => new Value { FloatListVal = new FloatList { Val = { value.AsFloat32List().ToArray() } } },
        FeatureValueKind.Float64List => new Value { DoubleListVal = new DoubleList { Val = { value.AsFloat64List().ToArray() } } },
        _ => NoValue,
    };
}
