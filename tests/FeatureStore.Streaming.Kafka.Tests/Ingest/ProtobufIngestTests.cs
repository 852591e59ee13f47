using FeatureStore.Streaming.Kafka.Tests.Decoding;
using FeatureStore.Streaming.Kafka.Tests.Kafka;
using Google.Protobuf;

namespace FeatureStore.Streaming.Kafka.Tests.Ingest;

public sealed class ProtobufIngestTests
{
    [Fact]
    public async Task Protobuf_messages_are_decoded_by_field_number_and_served_online()
    {
        using var cluster = KafkaMockCluster.Start();
        using var repo = await KafkaRepo.CreateAsync(cluster.BootstrapServers);
        cluster.EnsureTopic(repo.Topic);
        cluster.EnsureTopic(repo.ProtobufTopic);
        await using var worker = await InProcessWorker.StartAsync(repo);
        var eventTime = new DateTimeOffset(2026, 11, 5, 10, 0, 0, 250, TimeSpan.Zero);

        var message = ProtobufRecordDecoderTests.Message(o =>
        {
            o.WriteTag(1, WireFormat.WireType.Varint);
            o.WriteInt64(42);
            o.WriteTag(2, WireFormat.WireType.Fixed64);
            o.WriteDouble(0.75);
            o.WriteTag(3, WireFormat.WireType.LengthDelimited);
            o.WriteBytes(ByteString.CopyFrom(ProtobufRecordDecoderTests.Message(t =>
            {
                t.WriteTag(1, WireFormat.WireType.Varint);
                t.WriteInt64(eventTime.ToUnixTimeSeconds());
                t.WriteTag(2, WireFormat.WireType.Varint);
                t.WriteInt32(250_000_000);
            })));
            o.WriteTag(4, WireFormat.WireType.Varint);
            o.WriteInt64(12);
            o.WriteTag(5, WireFormat.WireType.LengthDelimited);
            o.WriteString("Trondheim");
        });
        await cluster.ProduceAsync(repo.ProtobufTopic, [(null, message)]);

        var table = await worker.WaitOnlineAsync("driver_pb_live:trips", 42, t => !t.IsNull(0, "trips"));
        Assert.Equal(12, table.GetInt64(0, "trips"));
        Assert.Equal(eventTime, table.GetEventTimestamp(0, "trips"));
        var city = await worker.Session.GetOnlineFeaturesAsync(FeatureStore.Client.OnlineFeatureQuery.ForFeatures("driver_pb_live:city", "driver_pb_live:conv_rate").WithEntities("driver_id", 42L));
        Assert.Equal("Trondheim", city.GetString(0, "city"));
        Assert.Equal(0.75, city.GetDouble(0, "conv_rate"));
    }
}
