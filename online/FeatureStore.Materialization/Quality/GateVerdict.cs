namespace FeatureStore.Materialization.Quality;

/// <summary>
/// The quality gate's judgement of a whole window: the features over max_null_fraction per bucket and, under policy fail,
/// the first bucket holding a bad row (nothing from its start on is planned).
/// </summary>
internal sealed record GateVerdict(GateBuckets Buckets, IReadOnlyDictionary<long, IReadOnlyList<(int Feature, double Fraction)>> OverNull, long? FailBucket)
{
    private static readonly IReadOnlyList<(int, double)> None = [];

    /// <summary>Rows with event time from here on are not planned (policy fail), or null.</summary>
    public long? FailCutTicks => FailBucket is { } bucket ? Buckets.Start(bucket) : null;

    public IReadOnlyList<(int Feature, double Fraction)> OverNullIn(long bucket) => OverNull.TryGetValue(bucket, out var over) ? over : None;
}
