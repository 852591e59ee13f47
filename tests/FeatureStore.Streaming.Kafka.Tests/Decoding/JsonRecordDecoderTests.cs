using System.Text;
using FeatureStore.Registry.Model;
using FeatureStore.Streaming.Kafka.Decoding;

namespace FeatureStore.Streaming.Kafka.Tests.Decoding;

public sealed class JsonRecordDecoderTests
{
    private static DecodeOutcome Decode(string json)
    {
        var (source, definitions) = TestSources.Create(StreamMessageFormat.Json, "ts", new() { ["drv"] = "driver_id" });
        return RecordDecoders.For(source, definitions).Decode(Encoding.UTF8.GetBytes(json), TestSources.Position, null);
    }

    [Fact]
    public void Mapped_fields_become_source_columns_and_the_event_time_field_becomes_the_timestamp_column()
    {
        var outcome = Decode("""{"drv": 7, "ts": "2026-11-05T10:00:00.5+01:00", "conv_rate": 0.25, "trips": 3, "city": "Oslo", "weights": [1, 2.5], "vip": true, "extra": {"a": 1}}""");

        var columns = Assert.IsType<DecodedRecord>(outcome.Record).Columns;
        Assert.Equal(7L, Assert.IsType<long>(columns["driver_id"]));
        Assert.Equal(new DateTimeOffset(2026, 11, 5, 9, 0, 0, 500, TimeSpan.Zero), columns["event_timestamp"]);
        Assert.Equal(0.25, Assert.IsType<double>(columns["conv_rate"]));
        Assert.Equal(3L, Assert.IsType<long>(columns["trips"]));
        Assert.Equal("Oslo", columns["city"]);
        Assert.Equal(new[] { 1.0, 2.5 }, columns["weights"]);
        Assert.Equal(true, columns["vip"]);
        Assert.False(columns.ContainsKey("extra"));
        Assert.False(columns.ContainsKey("drv"));
        Assert.False(columns.ContainsKey("ts"));
    }

    [Fact]
    public void An_epoch_milliseconds_number_is_an_event_time()
    {
        var outcome = Decode("""{"drv": 1, "ts": 1793872800123}""");

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1793872800123), outcome.Record!.Columns["event_timestamp"]);
    }

    [Theory]
    [InlineData("""{"drv": 1, "ts": 5 "x": 1}""", "malformed JSON at byte 19:")]
    [InlineData("""{"drv": 1,""", "malformed JSON at byte 9:")]
    [InlineData("""[1, 2]""", "expected a JSON object at the top level, got an array")]
    [InlineData("""{"drv": 1, "ts": 1} {}""", "malformed JSON at byte 20:")]
    [InlineData("""{"drv": 1}""", "event time field 'ts' is missing")]
    [InlineData("""{"drv": 1, "ts": "yesterday"}""", "event time field 'ts': \"yesterday\" is not an RFC 3339 timestamp")]
    [InlineData("""{"drv": 1, "ts": true}""", "event time field 'ts': expected RFC 3339 text or epoch milliseconds, got a boolean")]
    [InlineData("""{"drv": 1, "ts": 1, "conv_rate": {"v": 1}}""", "field 'conv_rate': an object is not a column value")]
    [InlineData("""{"drv": 1, "ts": 1, "weights": [1, "a"]}""", "field 'weights': element 1 is text")]
    [InlineData("", "empty message")]
    public void Bad_messages_fail_with_a_reason_naming_the_position_or_field(string json, string reason)
    {
        var outcome = Decode(json);

        Assert.Null(outcome.Record);
        Assert.StartsWith(reason, outcome.Failure, StringComparison.Ordinal);
    }
}
