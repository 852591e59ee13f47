using FeatureStore.Online;
using FeatureStore.Serving.Snapshot;

namespace FeatureStore.Serving.Access;

/// <summary>
/// What one principal may do with one read plan, decided once and cached on the plan: refused (with the message
/// naming every denied feature), or allowed, with a counter for each personal or sensitive feature it serves.
/// </summary>
internal sealed class PlanAccess(string? denial, PlanAccess.PiiSlot[] piiSlots)
{
    /// <summary>Why the plan is refused to the principal; null when it is allowed.</summary>
    public string? Denial { get; } = denial;

    /// <summary>Counts the values of personal or sensitive features this call serves (present values only).</summary>
    public void CountServed(ReadPlan plan, OnlineReadResult result, int rowCount, long nowTicks)
    {
        if (piiSlots.Length == 0)
        {
            return;
        }

        var minute = OnlineReadAudit.MinuteOf(nowTicks);
        foreach (var slot in piiSlots)
        {
            var rows = result.Requests[slot.View].Rows;
            var ttlTicks = plan.Views[slot.View].TtlTicks;
            long served = 0;
            for (var r = 0; r < rowCount; r++)
            {
                var row = rows[r];
                if (row.Found && row.Values[slot.Feature] is { IsNull: false } && !OnlineTtl.IsExpired(row.EventTimestamp.UtcTicks, ttlTicks, nowTicks))
                {
                    served++;
                }
            }

            slot.Counter.Add(minute, served);
        }
    }

    /// <summary>A personal or sensitive feature of the plan: view read index, feature index within it, and its counter.</summary>
    internal readonly record struct PiiSlot(int View, int Feature, PiiReadCounter Counter);
}
