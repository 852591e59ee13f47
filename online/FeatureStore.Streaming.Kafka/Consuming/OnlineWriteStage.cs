using FeatureStore.Online;

namespace FeatureStore.Streaming.Kafka.Consuming;

/// <summary>
/// Hands a batch's decoded records to <see cref="StreamIngestor.WriteOnlineAsync"/> (validation, online write), retrying
/// while the online store is unavailable; the accepted records then wait for their offline append. A call refused as a
/// whole (say the source left the registry) dead-letters every record with the reason instead of stopping the worker.
/// </summary>
internal sealed class OnlineWriteStage(StreamIngestor ingestor, KafkaSource source, Reporter reporter, TimeSpan maxBackoff)
{
    public async Task<(OnlineIngestResult? Result, List<DeadLetter> Rejected)> WriteAsync(
        IReadOnlyList<DecodedRecord> records, MicroBatch batch, CancellationToken stop)
    {
        if (records.Count == 0)
        {
            return (null, []);
        }

        OnlineIngestResult result;
        try
        {
            result = await Retry.UntilDoneAsync(
                () => ingestor.WriteOnlineAsync(source.Name, records, source.Views, CancellationToken.None),
                e => e is OnlineStoreUnavailableException,
                "writing to the online store", reporter, maxBackoff, stop).ConfigureAwait(false);
        }
        catch (StreamIngestionException e)
        {
            var all = MessagesOf(batch);
            return (null, [.. records.Select(r => new DeadLetter(all[r.Position], e.Message, null))]);
        }

        if (result.Rejected.Count == 0)
        {
            return (result, []);
        }

        var messages = MessagesOf(batch);
        return (result, [.. result.Rejected.Select(r => new DeadLetter(messages[r.Position], r.Reason, r.View))]);
    }

    private static Dictionary<RecordPosition, KafkaMessage> MessagesOf(MicroBatch batch) => batch.Messages.ToDictionary(DecodeStage.PositionOf);
}
