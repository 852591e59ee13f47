using FeatureStore.Online;

namespace FeatureStore.Streaming.Validation;

/// <summary>
/// A record that passed every check: its event time, its value of every offline column (<c>SourcePlan.OfflineColumns</c>
/// order; the created column is filled at append time) and its online row for every selected view (<c>SourcePlan.Views</c> order).
/// </summary>
internal sealed record ValidatedRecord(DecodedRecord Record, DateTimeOffset EventTime, FeatureValue[] OfflineValues, OnlineRow[] Rows)
{
    public RecordPosition Position => Record.Position;
}
