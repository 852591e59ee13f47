using FeatureStore.Offline;
using FeatureStore.Online;

namespace FeatureStore.Sdk.Online;

/// <summary>
/// Decides each value's status from the store's rows, as the feature server does: nothing stored → MISSING; stored but
/// older than the view's TTL at read time (<see cref="OnlineTtl"/>) → OUTSIDE_TTL, value withheld; a stored null →
/// NULL_VALUE; otherwise PRESENT.
/// </summary>
internal static class OnlineResultBuilder
{
    public static OnlineFeatureTable Build(OnlineReadPlan plan, OnlineReadResult result, DateTimeOffset readAt)
    {
        var count = plan.Outputs.Count;
        var values = new FeatureValue[count][];
        var statuses = new FeatureStatus[count][];
        var times = new DateTimeOffset?[count][];
        for (var o = 0; o < count; o++)
        {
            var output = plan.Outputs[o];
            var ttl = plan.Views[output.View].View.Ttl;
            var rows = result.Requests[output.View].Rows;
            values[o] = new FeatureValue[plan.RowCount];
            statuses[o] = new FeatureStatus[plan.RowCount];
            times[o] = new DateTimeOffset?[plan.RowCount];
            for (var r = 0; r < plan.RowCount; r++)
            {
                var row = rows[r];
                var stored = row.Found ? row.Values[output.Feature] : null;
                if (stored is not { } value)
                {
                    statuses[o][r] = FeatureStatus.Missing;
                    continue;
                }

                times[o][r] = row.EventTimestamp;
                if (OnlineTtl.IsExpired(row.EventTimestamp, ttl, readAt))
                {
                    statuses[o][r] = FeatureStatus.OutsideTtl;
                }
                else if (value.IsNull)
                {
                    statuses[o][r] = FeatureStatus.NullValue;
                }
                else
                {
                    statuses[o][r] = FeatureStatus.Present;
                    values[o][r] = value;
                }
            }
        }

        return new OnlineFeatureTable([.. plan.Outputs.Select(o => o.Name)], values, statuses, times, plan.Entities, plan.RowCount, readAt);
    }
}
