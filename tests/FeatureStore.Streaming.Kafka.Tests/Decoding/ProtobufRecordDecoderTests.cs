using FeatureStore.Registry.Model;
using FeatureStore.Streaming.Kafka.Decoding;
using Google.Protobuf;

namespace FeatureStore.Streaming.Kafka.Tests.Decoding;

public sealed class ProtobufRecordDecoderTests
{
    private static readonly Dictionary<string, string> Mapping = new()
    {
        ["1"] = "driver_id", ["2"] = "conv_rate", ["4"] = "trips", ["5"] = "city", ["6"] = "weights", ["7"] = "seen_at", ["8"] = "vip",
    };

    private static DecodeOutcome Decode(Action<CodedOutputStream> write)
    {
        var (source, definitions) = TestSources.Create(StreamMessageFormat.Protobuf, "3", Mapping);
        return RecordDecoders.For(source, definitions).Decode(Message(write), TestSources.Position, null);
    }

    internal static byte[] Message(Action<CodedOutputStream> write)
    {
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        write(output);
        output.Flush();
        return buffer.ToArray();
    }

    private static void Tag(CodedOutputStream output, int field, WireFormat.WireType wire) => output.WriteTag(field, wire);

    [Fact]
    public void Fields_are_read_by_number_with_the_wire_type_of_their_declared_type()
    {
        var seenAt = Message(t =>
        {
            Tag(t, 1, WireFormat.WireType.Varint);
            t.WriteInt64(1_793_872_800);
            Tag(t, 2, WireFormat.WireType.Varint);
            t.WriteInt32(250_000_000);
        });
        var outcome = Decode(o =>
        {
            Tag(o, 1, WireFormat.WireType.Varint);
            o.WriteInt64(-7);
            Tag(o, 2, WireFormat.WireType.Fixed64);
            o.WriteDouble(0.25);
            Tag(o, 3, WireFormat.WireType.Varint);
            o.WriteInt64(1_793_872_800_123);
            Tag(o, 5, WireFormat.WireType.LengthDelimited);
            o.WriteString("Bergen");
            Tag(o, 6, WireFormat.WireType.LengthDelimited);
            o.WriteLength(8);
            o.WriteFloat(1.5f);
            o.WriteFloat(-2f);
            Tag(o, 7, WireFormat.WireType.LengthDelimited);
            o.WriteBytes(ByteString.CopyFrom(seenAt));
            Tag(o, 8, WireFormat.WireType.Varint);
            o.WriteBool(true);
            Tag(o, 99, WireFormat.WireType.LengthDelimited);
            o.WriteString("ignored");
        });

        var columns = Assert.IsType<DecodedRecord>(outcome.Record, exactMatch: true).Columns;
        Assert.Equal(-7L, Assert.IsType<long>(columns["driver_id"]));
        Assert.Equal(0.25, Assert.IsType<double>(columns["conv_rate"]));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_793_872_800_123), columns["event_timestamp"]);
        Assert.Equal("Bergen", columns["city"]);
        Assert.Equal(new[] { 1.5f, -2f }, columns["weights"]);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_793_872_800).AddMilliseconds(250), columns["seen_at"]);
        Assert.Equal(true, columns["vip"]);
        // proto3: the absent trips field (4) has its type's default.
        Assert.Equal(0L, Assert.IsType<long>(columns["trips"]));
    }

    [Fact]
    public void A_wire_type_that_does_not_fit_the_declared_type_names_the_field()
    {
        var outcome = Decode(o =>
        {
            Tag(o, 3, WireFormat.WireType.Varint);
            o.WriteInt64(1);
            Tag(o, 4, WireFormat.WireType.LengthDelimited);
            o.WriteString("three");
        });

        Assert.Equal("field 4 (column trips, int64): expected varint, got length-delimited", outcome.Failure);
    }

    [Fact]
    public void A_missing_event_time_and_truncated_bytes_are_failures()
    {
        Assert.Equal("event time field 3 is missing", Decode(o =>
        {
            Tag(o, 1, WireFormat.WireType.Varint);
            o.WriteInt64(1);
        }).Failure);

        var (source, definitions) = TestSources.Create(StreamMessageFormat.Protobuf, "3", Mapping);
        var truncated = RecordDecoders.For(source, definitions).Decode([0x32, 0x05, 0x00], TestSources.Position, null);
        Assert.StartsWith("malformed Protobuf:", truncated.Failure, StringComparison.Ordinal);
    }
}
