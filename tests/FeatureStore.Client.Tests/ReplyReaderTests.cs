using FeatureStore.Client.Reply;
using FeatureStore.Serving.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Value = FeatureStore.Serving.V1.Value;

namespace FeatureStore.Client.Tests;

/// <summary>
/// The client's hand-written reply reader against Google.Protobuf: replies built from generated messages read back to
/// the same value, status and event time in every cell, for every value kind and status; packed and unpacked
/// repeated fields and unknown fields are accepted; malformed replies are refused with INTERNAL and a reason.
/// </summary>
public sealed class ReplyReaderTests
{
    private static readonly DateTimeOffset ReceivedAt = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    private static readonly Value[] AllKinds =
    [
        new() { Int32Val = -7 }, new() { Int32Val = 0 }, new() { Int64Val = long.MinValue }, new() { FloatVal = -0.5f },
        new() { DoubleVal = Math.PI }, new() { DoubleVal = double.NaN }, new() { BoolVal = true }, new() { BoolVal = false },
        new() { StringVal = "Zürich ✓" }, new() { StringVal = "" }, new() { BytesVal = ByteString.CopyFrom(0, 255, 7) },
        new() { TimestampVal = Timestamp.FromDateTimeOffset(new DateTimeOffset(1969, 12, 31, 23, 59, 59, TimeSpan.Zero).AddTicks(5)) },
        new() { FloatListVal = new FloatList { Val = { 1f, -2.5f } } }, new() { FloatListVal = new FloatList() },
        new() { DoubleListVal = new DoubleList { Val = { 1e300, 0 } } }, new(),
    ];

    private static readonly FieldStatus[] Statuses = [FieldStatus.Present, FieldStatus.NullValue, FieldStatus.Missing, FieldStatus.OutsideTtl];

    [Fact]
    public void Every_cell_reads_back_as_the_generated_message_holds_it()
    {
        var response = RandomResponse(new Random(7), features: AllKinds.Length, rows: 37);
        var result = Read(response.ToByteArray());

        Assert.Equal(response.Metadata.FeatureNames.Val, result.FeatureNames);
        Assert.Equal(37, result.RowCount);
        for (var f = 0; f < result.FeatureNames.Count; f++)
        {
            var vector = response.Results[f];
            for (var row = 0; row < result.RowCount; row++)
            {
                var cell = result[row, f];
                var status = vector.Statuses[row];
                Assert.Equal(status, cell.Status);
                var expectedTime = status == FieldStatus.Missing ? (DateTimeOffset?)null : vector.EventTimestamps[row].ToDateTimeOffset();
                Assert.Equal(expectedTime, cell.EventTimestamp);
                Assert.Equal(expectedTime is { } t ? ReceivedAt - t : null, cell.Age);
                Assert.Equal(status == FieldStatus.Present ? Expected(vector.Values[row]) : null, cell.Value);
                Assert.Equal(status == FieldStatus.Present && vector.Values[row].ValCase == Value.ValOneofCase.DoubleVal, result.TryGetDouble(row, f, out var d));
                if (status == FieldStatus.Present && vector.Values[row].ValCase == Value.ValOneofCase.DoubleVal)
                {
                    Assert.Equal(vector.Values[row].DoubleVal, d);
                }
            }
        }

        Assert.Equal(result[3, 2], result[3, response.Metadata.FeatureNames.Val[2]]);
    }

    [Fact]
    public void An_empty_reply_has_no_rows_and_no_features()
    {
        var result = Read(new GetOnlineFeaturesResponse().ToByteArray());
        Assert.Equal(0, result.RowCount);
        Assert.Empty(result.FeatureNames);
    }

    [Fact]
    public void Unpacked_statuses_unpacked_lists_and_unknown_fields_are_read_as_protobuf_requires()
    {
        var vector = new MemoryStream();
        var output = new CodedOutputStream(vector);
        output.WriteTag(1, WireFormat.WireType.LengthDelimited);          // values[0]: DoubleList with unpacked elements
        output.WriteLength(2 + 18);
        output.WriteTag(10, WireFormat.WireType.LengthDelimited);
        output.WriteLength(18);
        output.WriteTag(1, WireFormat.WireType.Fixed64);
        output.WriteDouble(1.5);
        output.WriteTag(1, WireFormat.WireType.Fixed64);
        output.WriteDouble(-2);
        output.WriteTag(2, WireFormat.WireType.Varint);                   // statuses[0], unpacked
        output.WriteEnum((int)FieldStatus.Present);
        output.WriteTag(15, WireFormat.WireType.Varint);                  // a field this client does not know
        output.WriteInt64(99);
        output.Flush();
        var response = new MemoryStream();
        var top = new CodedOutputStream(response);
        top.WriteTag(1, WireFormat.WireType.LengthDelimited);
        top.WriteMessage(new GetOnlineFeaturesResponseMetadata { FeatureNames = new FeatureList { Val = { "embedding" } } });
        top.WriteTag(2, WireFormat.WireType.LengthDelimited);
        top.WriteBytes(ByteString.CopyFrom(vector.ToArray()));
        top.WriteTag(9, WireFormat.WireType.LengthDelimited);             // unknown top-level field
        top.WriteString("later");
        top.Flush();

        var result = Read(response.ToArray());

        Assert.Equal(new[] { 1.5, -2 }, (double[])result[0, "embedding"].Value!);
        Assert.Equal(FieldStatus.Present, result[0, "embedding"].Status);
        Assert.Null(result[0, "embedding"].EventTimestamp);
        // The generated parser agrees.
        Assert.Equal(new[] { 1.5, -2 }, GetOnlineFeaturesResponse.Parser.ParseFrom(response.ToArray()).Results[0].Values[0].DoubleListVal.Val);
    }

    [Fact]
    public void Event_times_encoded_other_than_seconds_then_nanos_read_as_the_generated_parser_reads_them()
    {
        // Timestamp bodies: the usual order (also before 1970: a 10-byte seconds varint), then the forms the reader's
        // fast path leaves to CodedInputStream: nanos first, seconds twice (last wins), an unknown field, nanos only, empty.
        byte[][] bodies =
        [
            Timestamp.FromDateTimeOffset(ReceivedAt.AddTicks(-12_345_678)).ToByteArray(),
            new Timestamp { Seconds = -1, Nanos = 500 }.ToByteArray(),
            [0x10, 0xBC, 0x99, 0xEF, 0x3A, 0x08, 0x80, 0xC2, 0xAF, 0xF0, 0x05],
            [0x08, 0x01, 0x08, 0x80, 0xC2, 0xAF, 0xF0, 0x05],
            [0x08, 0x80, 0xC2, 0xAF, 0xF0, 0x05, 0x18, 0x05, 0x10, 0x64],
            [0x10, 0x64],
            [],
        ];
        var vector = new MemoryStream();
        var output = new CodedOutputStream(vector);
        foreach (var _ in bodies)
        {
            output.WriteTag(1, WireFormat.WireType.LengthDelimited);
            output.WriteMessage(new Value { DoubleVal = 1 });
        }

        output.WriteTag(2, WireFormat.WireType.LengthDelimited);
        output.WriteLength(bodies.Length);
        foreach (var _ in bodies)
        {
            output.WriteEnum((int)FieldStatus.Present);
        }

        foreach (var body in bodies)
        {
            output.WriteTag(3, WireFormat.WireType.LengthDelimited);
            output.WriteBytes(ByteString.CopyFrom(body));
        }

        output.Flush();
        var metadata = new GetOnlineFeaturesResponseMetadata { FeatureNames = new FeatureList { Val = { "f" } } }.ToByteArray();
        var response = Field(1, metadata).Concat(Field(2, vector.ToArray())).ToArray();

        var result = Read(response);

        var generated = GetOnlineFeaturesResponse.Parser.ParseFrom(response).Results[0].EventTimestamps;
        Assert.Equal(bodies.Length, result.RowCount);
        for (var row = 0; row < bodies.Length; row++)
        {
            Assert.Equal(generated[row].ToDateTimeOffset(), result[row, 0].EventTimestamp);
        }

        Assert.Equal(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(1_234_567), result[2, 0].EventTimestamp);
        Assert.Equal(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(1), result[4, 0].EventTimestamp);
    }

    [Fact]
    public void Replies_for_different_feature_sets_keep_their_own_names_when_read_in_turn()
    {
        // More distinct metadata blocks than the reader remembers, read round after round: each reply's names are its own.
        var responses = Enumerable.Range(0, 6).Select(set => Renamed(RandomResponse(new Random(set), features: 3, rows: 2), $"set{set}_")).ToArray();
        for (var round = 0; round < 3; round++)
        {
            foreach (var response in responses)
            {
                var result = Read(response.ToByteArray());
                Assert.Equal(response.Metadata.FeatureNames.Val, result.FeatureNames);
                Assert.Equal(2, result.IndexOf(response.Metadata.FeatureNames.Val[2]));
                Assert.Throws<KeyNotFoundException>(() => result.IndexOf(round == 0 ? "set9_f0" : "f0"));
            }
        }
    }

    [Fact]
    public void A_metadata_field_sent_twice_merges_its_names_as_protobuf_does()
    {
        var response = RandomResponse(new Random(11), features: 3, rows: 2);
        var metadataFirst = Field(1, new GetOnlineFeaturesResponseMetadata { FeatureNames = new FeatureList { Val = { "f0", "f1" } } }.ToByteArray());
        var metadataSecond = Field(1, new GetOnlineFeaturesResponseMetadata { FeatureNames = new FeatureList { Val = { "f2" } } }.ToByteArray());
        var vectors = response.Results.SelectMany(v => Field(2, v.ToByteArray())).ToArray();
        // Read the single-block form first so its table is remembered; the split form must not reuse it wrongly.
        Read(response.ToByteArray());
        byte[] split = [.. metadataFirst, .. vectors[..(vectors.Length / 2)], .. metadataSecond];

        var merged = Read([.. metadataFirst, .. vectors, .. metadataSecond]);

        Assert.Equal(GetOnlineFeaturesResponse.Parser.ParseFrom([.. metadataFirst, .. vectors, .. metadataSecond]).Metadata.FeatureNames.Val, merged.FeatureNames);
        Assert.Equal(new[] { "f0", "f1", "f2" }, merged.FeatureNames);
        Assert.Equal(response.Results[2].Statuses[1], merged[1, "f2"].Status);
        Assert.Throws<FeatureServingException>(() => Read(split));
    }

    [Fact]
    public void Vectors_of_different_lengths_are_refused_naming_the_feature()
    {
        var response = RandomResponse(new Random(3), features: 3, rows: 4);
        response.Results[1].Values.RemoveAt(0);

        var error = Assert.Throws<FeatureServingException>(() => Read(response.ToByteArray()));

        Assert.Equal(StatusCode.Internal, error.Status);
        Assert.Contains("'f1'", error.Message, StringComparison.Ordinal);
        Assert.Contains("3 values", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_and_corrupt_replies_are_refused_with_internal()
    {
        var bytes = RandomResponse(new Random(5), features: 4, rows: 5).ToByteArray();
        foreach (var cut in new[] { 1, 7, bytes.Length / 2, bytes.Length - 1 })
        {
            var error = Assert.Throws<FeatureServingException>(() => Read(bytes[..cut]));
            Assert.Equal(StatusCode.Internal, error.Status);
            Assert.StartsWith("INTERNAL: the reply is not a valid GetOnlineFeaturesResponse", error.Message, StringComparison.Ordinal);
        }

        // A timestamp no DateTimeOffset can hold.
        var response = RandomResponse(new Random(5), features: 1, rows: 1);
        response.Results[0].EventTimestamps[0] = new Timestamp { Seconds = 253_402_300_800L };
        var outOfRange = Assert.Throws<FeatureServingException>(() => Read(response.ToByteArray()));
        Assert.Contains("out of range", outOfRange.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_packed_list_declaring_two_gigabytes_fails_as_truncated_without_allocating_them()
    {
        // results: FeatureVector { values: Value { double_list_val: DoubleList { val: packed, length 2^31 - 1, 16 bytes present } } }
        var list = new MemoryStream();
        var output = new CodedOutputStream(list);
        output.WriteTag(1, WireFormat.WireType.LengthDelimited);
        output.WriteLength(int.MaxValue);
        output.WriteDouble(1);
        output.WriteDouble(2);
        output.Flush();
        var response = Field(2, Field(1, Field(10, list.ToArray())));
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();

        var error = Assert.Throws<FeatureServingException>(() => Read(response));

        Assert.Equal(StatusCode.Internal, error.Status);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - allocatedBefore < 1024 * 1024, "the declared length was allocated");
    }

    /// <summary>A length-delimited field: <paramref name="field"/>'s tag, then <paramref name="message"/> with its length.</summary>
    private static byte[] Field(int field, byte[] message)
    {
        var bytes = new MemoryStream();
        var output = new CodedOutputStream(bytes);
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom(message));
        output.Flush();
        return bytes.ToArray();
    }

    /// <summary>Reads the bytes from the middle of a larger buffer, as the client does with its pooled buffers.</summary>
    private static OnlineFeaturesResult Read(byte[] message)
    {
        var buffer = new byte[message.Length + 10];
        buffer.AsSpan().Fill(0xEE);
        message.CopyTo(buffer, 5);
        return OnlineFeaturesReplyReader.Read(buffer, 5, message.Length, ReceivedAt);
    }

    private static GetOnlineFeaturesResponse Renamed(GetOnlineFeaturesResponse response, string prefix)
    {
        var names = response.Metadata.FeatureNames.Val;
        for (var i = 0; i < names.Count; i++)
        {
            names[i] = prefix + names[i];
        }

        return response;
    }

    private static GetOnlineFeaturesResponse RandomResponse(Random random, int features, int rows)
    {
        var response = new GetOnlineFeaturesResponse { Metadata = new GetOnlineFeaturesResponseMetadata { FeatureNames = new FeatureList() } };
        for (var f = 0; f < features; f++)
        {
            response.Metadata.FeatureNames.Val.Add($"f{f}");
            var vector = new FeatureVector();
            for (var row = 0; row < rows; row++)
            {
                var status = Statuses[random.Next(Statuses.Length)];
                vector.Statuses.Add(status);
                vector.Values.Add(status == FieldStatus.Present ? AllKinds[(f + row) % AllKinds.Length].Clone() : new Value());
                vector.EventTimestamps.Add(status == FieldStatus.Missing
                    ? new Timestamp()
                    : Timestamp.FromDateTimeOffset(ReceivedAt.AddTicks(-random.NextInt64(1, TimeSpan.TicksPerDay * 400))));
            }

            response.Results.Add(vector);
        }

        return response;
    }

    private static object? Expected(Value value) => value.ValCase switch
    {
        Value.ValOneofCase.Int32Val => value.Int32Val,
        Value.ValOneofCase.Int64Val => value.Int64Val,
        Value.ValOneofCase.FloatVal => value.FloatVal,
        Value.ValOneofCase.DoubleVal => value.DoubleVal,
        Value.ValOneofCase.BoolVal => value.BoolVal,
        Value.ValOneofCase.StringVal => value.StringVal,
        Value.ValOneofCase.BytesVal => value.BytesVal.ToByteArray(),
        Value.ValOneofCase.TimestampVal => value.TimestampVal.ToDateTimeOffset(),
        Value.ValOneofCase.FloatListVal => value.FloatListVal.Val.ToArray(),
        Value.ValOneofCase.DoubleListVal => value.DoubleListVal.Val.ToArray(),
        _ => null,
    };
}
