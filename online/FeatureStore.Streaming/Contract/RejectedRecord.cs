namespace FeatureStore.Streaming;

/// <summary>A record that was not ingested, with a readable reason naming the field at fault and the view it failed for (when one).</summary>
public sealed record RejectedRecord(RecordPosition Position, string? View, string Reason);
