using FeatureStore.Online;
using FeatureStore.Registry.Model;
using FeatureStore.Serving.Features;
using FeatureStore.Serving.Metrics;
using FeatureStore.Serving.Snapshot;
using FeatureStore.Serving.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Value = FeatureStore.Serving.V1.Value;

namespace FeatureStore.Serving.Tests;

/// <summary>
/// The hand-written reply encoder against Google.Protobuf: its bytes, parsed by the generated parser, equal a response
/// built from generated message objects by the documented rules, for every value kind and every status; and the
/// server's generated-message path gives the same bytes.
/// </summary>
public sealed class ReplyEncoderTests
{
    private readonly ServingMetrics Metrics = new();

    private static readonly long Now = new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero).UtcTicks;
    private static readonly DateTimeOffset Fresh = new DateTimeOffset(2026, 11, 22, 11, 59, 58, TimeSpan.Zero).AddTicks(1234567);
    private static readonly DateTimeOffset Old = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);

    private static readonly FeatureValue[] AllKinds =
    [
        FeatureValue.FromInt32(-7), FeatureValue.FromInt32(0), FeatureValue.FromInt64(long.MaxValue), FeatureValue.FromInt64(-1),
        FeatureValue.FromFloat32(-0.5f), FeatureValue.FromFloat64(Math.PI), FeatureValue.FromBool(false), FeatureValue.FromBool(true),
        FeatureValue.FromString("Zürich ✓"), FeatureValue.FromString(""), FeatureValue.FromBytes(new byte[] { 0, 255, 7 }),
        FeatureValue.FromTimestamp(new DateTimeOffset(1969, 12, 31, 23, 59, 59, TimeSpan.Zero).AddTicks(5)),
        FeatureValue.FromTimestamp(DateTimeOffset.UnixEpoch), FeatureValue.FromFloat32List(new[] { 1f, -2.5f }),
        FeatureValue.FromFloat32List(Array.Empty<float>()), FeatureValue.FromFloat64List(new[] { 1e300, 0 }),
    ];

    [Fact]
    public void Encoded_reply_parses_to_the_same_response_as_generated_messages_for_every_kind_and_status()
    {
        var kinds = AllKinds.Length;
        // View "a" holds every kind; view "b" (no TTL) has two features, placed in the middle and first of the response.
        var aSlots = Enumerable.Range(0, kinds).Select(i => i + 1 + (i >= kinds / 2 ? 1 : 0)).ToArray();
        int[] bSlots = [(kinds / 2) + 1, 0];
        var a = new ViewRead(new OnlineViewRef("p", "a", 1), [.. Enumerable.Range(0, kinds).Select(i => $"f{i}")], aSlots, 0, TimeSpan.FromHours(1), Metrics.View("a"));
        var b = new ViewRead(new OnlineViewRef("p", "b", 1), ["x", "y"], bSlots, 0, null, Metrics.View("b"));
        var featureCount = kinds + 2;
        var shortNames = new string[featureCount];
        for (var i = 0; i < kinds; i++) shortNames[aSlots[i]] = $"f{i}";
        shortNames[bSlots[0]] = "x";
        shortNames[bSlots[1]] = "y";
        var plan = new ReadPlan([a, b], [new KeyGroup(["id"], [FeatureType.Int64])], shortNames, [.. shortNames.Select(n => (n.StartsWith('f') ? "a__" : "b__") + n)]);

        var withNulls = AllKinds.Select(v => (FeatureValue?)v).ToArray();
        withNulls[1] = FeatureValue.Null;   // stored null → NULL_VALUE
        withNulls[2] = null;                // not in the stored row's feature list → MISSING
        OnlineEntityRow[] aRows =
        [
            new(true, Fresh, AllKinds.Select(v => (FeatureValue?)v).ToArray()),
            new(false, default, new FeatureValue?[kinds]),
            new(true, Old, AllKinds.Select(v => (FeatureValue?)v).ToArray()),      // older than the 1 h TTL → OUTSIDE_TTL
            new(true, Fresh, withNulls),
        ];
        OnlineEntityRow[] bRows =
        [
            new(true, Old, [FeatureValue.FromInt64(1), FeatureValue.FromString("b")]),  // no TTL: old is fine
            new(true, DateTimeOffset.UnixEpoch, [FeatureValue.Null, FeatureValue.FromInt64(2)]),
            new(false, default, new FeatureValue?[2]),
            // The longest event-time field: seconds before 1970 (a 10-byte varint) and nanos of nine digits.
            new(true, new DateTimeOffset(1969, 12, 31, 23, 59, 59, TimeSpan.Zero).AddTicks(9_999_999), [FeatureValue.FromInt64(3), null]),
        ];
        var keys = Enumerable.Range(0, 4).Select(i => EntityKey.Of(FeatureValue.FromInt64(i))).ToArray();
        var result = new OnlineReadResult([
            new OnlineViewRows(new OnlineReadRequest(a.View, a.FeatureNames, keys), aRows),
            new OnlineViewRows(new OnlineReadRequest(b.View, b.FeatureNames, keys), bRows)]);

        foreach (var fullNames in new[] { false, true })
        {
            var reply = new OnlineFeaturesReply(plan, result, 4, Now, fullNames);
            var bytes = new byte[reply.Size];
            reply.WriteTo(bytes);
            var parsed = GetOnlineFeaturesResponse.Parser.ParseFrom(bytes);
            var expected = Expected(plan, [(a, aRows), (b, bRows)], fullNames);
            Assert.Equal(expected, parsed);
            Assert.Equal(expected.CalculateSize(), reply.Size);
            // The generated-message path (ReplyEncoding.Generated) serializes to the very same bytes.
            var generated = OnlineFeaturesMessage.Build(new FeatureRead(plan, result, 4, Now, fullNames));
            Assert.Equal(expected, generated);
            Assert.Equal(bytes, generated.ToByteArray());
        }

        // Counted once per reply (four replies above: two encodings x two name styles): a has 4 rows x 16 features, b 4 rows x 2.
        Assert.Equal(4 * ((long)kinds + kinds - 2), a.Metrics.StatusCount(ServedStatus.Present));
        Assert.Equal(4 * (long)kinds, a.Metrics.StatusCount(ServedStatus.OutsideTtl));
        Assert.Equal(4L, a.Metrics.StatusCount(ServedStatus.NullValue));
        Assert.Equal(4 * ((long)kinds + 1), a.Metrics.StatusCount(ServedStatus.Missing));
        Assert.Equal(4 * 4L, b.Metrics.StatusCount(ServedStatus.Present));
        Assert.Equal(4 * 3L, b.Metrics.StatusCount(ServedStatus.Missing));
        Assert.Equal(4 * 1L, b.Metrics.StatusCount(ServedStatus.NullValue));
    }

    [Fact]
    public void Reply_with_no_entity_rows_is_metadata_and_empty_vectors()
    {
        var view = new ViewRead(new OnlineViewRef("p", "a", 1), ["f"], [0], 0, null, Metrics.View("a"));
        var plan = new ReadPlan([view], [new KeyGroup(["id"], [FeatureType.Int64])], ["f"], ["a__f"]);
        var result = new OnlineReadResult([new OnlineViewRows(new OnlineReadRequest(view.View, view.FeatureNames, []), [])]);
        var reply = new OnlineFeaturesReply(plan, result, 0, Now, false);
        var bytes = new byte[reply.Size];
        reply.WriteTo(bytes);
        Assert.Equal(Expected(plan, [(view, [])], false), GetOnlineFeaturesResponse.Parser.ParseFrom(bytes));
        Assert.Equal(bytes, OnlineFeaturesMessage.Build(new FeatureRead(plan, result, 0, Now, false)).ToByteArray());
    }

    /// <summary>The response by the documented rules, built from generated messages.</summary>
    private static GetOnlineFeaturesResponse Expected(ReadPlan plan, (ViewRead View, OnlineEntityRow[] Rows)[] views, bool fullNames)
    {
        var response = new GetOnlineFeaturesResponse { Metadata = new GetOnlineFeaturesResponseMetadata { FeatureNames = new FeatureList() } };
        response.Metadata.FeatureNames.Val.AddRange(fullNames ? plan.FullNames : plan.ShortNames);
        var vectors = Enumerable.Range(0, plan.FeatureCount).Select(_ => new FeatureVector()).ToArray();
        response.Results.AddRange(vectors);
        foreach (var (view, rows) in views)
        {
            for (var f = 0; f < view.FeatureNames.Length; f++)
            {
                var vector = vectors[view.OutputSlots[f]];
                foreach (var row in rows)
                {
                    var expired = view.TtlTicks > 0 && Now - row.EventTimestamp.UtcTicks > view.TtlTicks;
                    var stored = row.Found ? row.Values[f] : null;
                    var (status, value) = stored switch
                    {
                        null => (FieldStatus.Missing, new Value()),
                        _ when expired => (FieldStatus.OutsideTtl, new Value()),
                        { IsNull: true } => (FieldStatus.NullValue, new Value()),
                        { } v => (FieldStatus.Present, ToValue(v)),
                    };
                    vector.Values.Add(value);
                    vector.Statuses.Add(status);
                    vector.EventTimestamps.Add(status == FieldStatus.Missing ? new Timestamp() : Timestamp.FromDateTimeOffset(row.EventTimestamp));
                }
            }
        }

        return response;
    }

    private static Value ToValue(FeatureValue v) => v.Kind switch
    {
        FeatureValueKind.Int32 => new Value { Int32Val = v.AsInt32() },
        FeatureValueKind.Int64 => new Value { Int64Val = v.AsInt64() },
        FeatureValueKind.Float32 => new Value { FloatVal = v.AsFloat32() },
        FeatureValueKind.Float64 => new Value { DoubleVal = v.AsFloat64() },
        FeatureValueKind.Bool => new Value { BoolVal = v.AsBool() },
        FeatureValueKind.String => new Value { StringVal = v.AsString() },
        FeatureValueKind.Bytes => new Value { BytesVal = ByteString.CopyFrom(v.AsBytes().Span) },
        FeatureValueKind.Timestamp => new Value { TimestampVal = Timestamp.FromDateTimeOffset(v.AsTimestamp()) },
        FeatureValueKind.Float32List => new Value { FloatListVal = new FloatList { Val = { v.AsFloat32List().ToArray() } } },
        FeatureValueKind.Float64List => new Value { DoubleListVal = new DoubleList { Val = { v.AsFloat64List().ToArray() } } },
        _ => throw new ArgumentOutOfRangeException(nameof(v)),
    };
}
