using FeatureStore.Online;

namespace FeatureStore.Streaming;

/// <summary>
/// A record <see cref="StreamIngestor.WriteOnlineAsync"/> accepted and wrote online, awaiting its offline append (add it
/// to its partition's <see cref="OfflineBuffer"/> for <see cref="StreamIngestor.AppendOffline"/>). <see cref="IngestedAt"/>
/// is when its call's online write returned: its appended row carries that as created timestamp however late it is
/// appended, so as-of-created training sets see the value from when it became servable. Only the values appended offline
/// are kept, not the decoded message.
/// </summary>
public sealed class AcceptedRecord
{
    internal AcceptedRecord(string dataSource, RecordPosition position, DateTimeOffset eventTime, DateTimeOffset ingestedAt, FeatureValue[] offlineValues)
    {
        DataSource = dataSource;
        Position = position;
        EventTime = eventTime;
        IngestedAt = ingestedAt;
        OfflineValues = offlineValues;
    }

    public string DataSource { get; }

    public RecordPosition Position { get; }

    public DateTimeOffset EventTime { get; }

    public DateTimeOffset IngestedAt { get; }

    /// <summary>One value per offline column of the source (<c>SourcePlan.OfflineColumns</c> order; the created column is filled at append).</summary>
    internal FeatureValue[] OfflineValues { get; }
}
