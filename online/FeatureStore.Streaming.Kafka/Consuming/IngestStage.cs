using FeatureStore.Online;

namespace FeatureStore.Streaming.Kafka.Consuming;

/// <summary>
/// Hands decoded records to the <see cref="StreamIngestor"/> (validation, online write, offline append), retrying while a
/// store is unavailable. A call refused as a whole (say the source left the registry) dead-letters every record with
/// the reason instead of stopping the worker.
/// </summary>
internal sealed class IngestStage(StreamIngestor ingestor, KafkaSource source, Reporter reporter, TimeSpan maxBackoff)
{
    public async Task<(IngestResult? Result, List<DeadLetter> Rejected)> IngestAsync(
        IReadOnlyList<DecodedRecord> records, IReadOnlyDictionary<RecordPosition, KafkaMessage> messages, CancellationToken stop)
    {
        if (records.Count == 0)
        {
            return (null, []);
        }

        IngestResult result;
        try
        {
            result = await Retry.UntilDoneAsync(
                () => ingestor.IngestAsync(source.Name, records, source.Views, CancellationToken.None),
                e => e is OnlineStoreUnavailableException or IOException,
                "writing to the stores", reporter, maxBackoff, stop).ConfigureAwait(false);
        }
        catch (StreamIngestionException e)
        {
            return (null, [.. records.Select(r => new DeadLetter(messages[r.Position], e.Message, null))]);
        }

        return (result, [.. result.Rejected.Select(r => new DeadLetter(messages[r.Position], r.Reason, r.View))]);
    }
}
