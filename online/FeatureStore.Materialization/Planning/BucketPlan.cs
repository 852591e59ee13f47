namespace FeatureStore.Materialization.Planning;

/// <summary>
/// One entity bucket planned: the winning row per entity (ordinals, in the order entities were first met), the rows the
/// gate rejected before the fail cut, and under policy fail the bad rows of the failing bucket.
/// </summary>
internal sealed record BucketPlan(List<int> Winners, List<BadRow> Bad, List<BadRow> FailBucketBad);
