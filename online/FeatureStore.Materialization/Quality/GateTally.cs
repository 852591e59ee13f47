using FeatureStore.Parquet;
using FeatureStore.Registry.Model;

namespace FeatureStore.Materialization.Quality;

/// <summary>
/// What the quality gate learns while a window is read: per gate bucket, the rows and each feature's nulls (only when
/// max_null_fraction is set), and the earliest bucket holding a row that broke a per-row rule. <see cref="Verdict"/>
/// turns it into the buckets over max_null_fraction and, under policy fail, the first failing bucket.
/// </summary>
internal sealed class GateTally(QualityGate gate, GateBuckets buckets)
{
    private readonly Dictionary<long, long[]> counts = [];
    private long? firstReasonBucket;
    private long lastBucket = long.MinValue;
    private long[]? lastCounts;

    public void Add(long eventTicks, Column[] featureColumns, int row, string? reason)
    {
        if (reason is not null)
        {
            var bucket = buckets.Index(eventTicks);
            if (firstReasonBucket is not { } first || bucket < first)
                firstReasonBucket = bucket;
        }

        if (gate.MaxNullFraction is null)
            return;
        var index = buckets.Index(eventTicks);
        if (lastCounts is null || index != lastBucket)
        {
            if (!counts.TryGetValue(index, out lastCounts))
                counts[index] = lastCounts = new long[1 + featureColumns.Length];
            lastBucket = index;
        }

        lastCounts[0]++;
        for (var f = 0; f < featureColumns.Length; f++)
        {
            if (featureColumns[f].IsNull(row))
                lastCounts[1 + f]++;
        }
    }

    public GateVerdict Verdict()
    {
        var overNull = new Dictionary<long, IReadOnlyList<(int Feature, double Fraction)>>();
        foreach (var (bucket, tally) in counts)
        {
            var over = gate.OverNullFraction(tally[0], tally[1..]);
            if (over.Count > 0)
                overNull[bucket] = over;
        }

        long? failBucket = null;
        if (gate.Policy == QualityPolicy.Fail)
        {
            failBucket = firstReasonBucket;
            foreach (var bucket in overNull.Keys)
            {
                if (failBucket is not { } fail || bucket < fail)
                    failBucket = bucket;
            }
        }

        return new GateVerdict(buckets, overNull, failBucket);
    }
}
