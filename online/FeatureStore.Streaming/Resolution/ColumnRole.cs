namespace FeatureStore.Streaming.Resolution;

/// <summary>What a source column holds in an offline append.</summary>
internal enum ColumnRole
{
    JoinKey,
    Feature,
    EventTime,
    CreatedTime,
}
