using Confluent.Kafka;
using FeatureStore.Streaming.Kafka.Decoding;

namespace FeatureStore.Streaming.Kafka.Consuming;

/// <summary>Decodes a batch's messages; undecodable ones become dead letters with the decoder's reason.</summary>
internal sealed class DecodeStage(IRecordDecoder decoder)
{
    public (List<DecodedRecord> Records, List<DeadLetter> Failed) Decode(MicroBatch batch)
    {
        var records = new List<DecodedRecord>(batch.Messages.Count);
        var failed = new List<DeadLetter>();
        foreach (var message in batch.Messages)
        {
            var position = PositionOf(message);
            var broker = message.Message.Timestamp.Type == TimestampType.NotAvailable
                ? (DateTimeOffset?)null
                : DateTimeOffset.FromUnixTimeMilliseconds(message.Message.Timestamp.UnixTimestampMs);
            var outcome = decoder.Decode(message.Message.Value, position, broker);
            if (outcome.Record is { } record)
            {
                records.Add(record);
            }
            else
            {
                failed.Add(new DeadLetter(message, outcome.Failure ?? "undecodable message", null));
            }
        }

        return (records, failed);
    }

    public static RecordPosition PositionOf(KafkaMessage message) => new(message.Topic, message.Partition.Value, message.Offset.Value);
}
