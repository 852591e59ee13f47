using FeatureStore.Materialization.Quality;
using FeatureStore.Materialization.Source;
using FeatureStore.Registry.Model;

namespace FeatureStore.Materialization.Planning;

/// <summary>
/// Plans the rows of one entity bucket (every row of an entity is in the same bucket): applies the gate's verdict to each
/// row (its per-row reason from the scan, or null in a feature its gate bucket has too many nulls of), then keeps the
/// latest good row per entity: greatest event time, then greatest created time, on a full tie the first read.
/// </summary>
internal static class BucketPlanner
{
    /// <param name="ordinals">The bucket's rows in read order, or null for every row of <paramref name="rows"/>.</param>
    public static BucketPlan Plan(ScannedRows rows, IReadOnlyList<int>? ordinals, QualityGate gate, GateVerdict verdict, CancellationToken ct)
    {
        var count = ordinals?.Count ?? rows.Count;
        var latest = new LatestPerEntity(rows, Math.Min(count, 1 << 20));
        var bad = new List<BadRow>();
        var failBucketBad = new List<BadRow>();
        var checkNulls = verdict.OverNull.Count > 0;
        var failBucket = verdict.FailBucket;
        var needBucket = checkNulls || failBucket is not null;
        for (var i = 0; i < count; i++)
        {
            if ((i & 0xFFFF) == 0)
                ct.ThrowIfCancellationRequested();
            var ordinal = ordinals is null ? i : ordinals[i];
            var bucket = needBucket ? verdict.Buckets.Index(rows.EventTicks(ordinal)) : 0;
            if (failBucket is { } fail && bucket > fail)
                continue;
            var reason = rows.Reason(ordinal) ?? (checkNulls ? gate.NullFractionReason(rows, ordinal, verdict.OverNullIn(bucket)) : null);
            if (reason is not null)
            {
                // The fail bucket is the first holding a bad row, so under policy fail every bad row that gets here is in it.
                var row = new BadRow(bucket, rows.Sequence(ordinal), rows.ToSourceRow(ordinal), reason);
                if (gate.Policy == QualityPolicy.Fail)
                {
                    failBucketBad.Add(row);
                    continue;
                }

                bad.Add(row);
                if (gate.Policy == QualityPolicy.Quarantine)
                    continue;
            }

            if (failBucket is { } cut && bucket >= cut)
                continue;
            latest.Offer(ordinal);
        }

        return new BucketPlan(latest.Winners(), bad, failBucketBad);
    }
}
