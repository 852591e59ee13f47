using FeatureStore.Online;
using FeatureStore.Streaming.Resolution;
using FeatureStore.Streaming.Validation;

namespace FeatureStore.Streaming.Online;

/// <summary>
/// Writes accepted records online: one <see cref="IOnlineStore.WriteAsync"/> per view, the views written concurrently.
/// Within a call only the newest record per entity is sent (later in the call wins a tie, as sequential writes would); the
/// others count as skipped older, like rows the store's event-time guard refuses.
/// </summary>
internal static class OnlineWriter
{
    public static async Task<(int Written, int SkippedOlder)> WriteAsync(
        IOnlineStore store, SourcePlan plan, IReadOnlyList<ValidatedRecord> records, CancellationToken ct)
    {
        if (records.Count == 0 || plan.Views.Count == 0)
            return (0, 0);
        var writes = new Task<OnlineWriteResult>[plan.Views.Count];
        var superseded = 0;
        for (var v = 0; v < plan.Views.Count; v++)
        {
            var newest = new Dictionary<EntityKey, OnlineRow>(records.Count);
            foreach (var record in records)
            {
                var row = record.Rows[v];
                if (newest.TryGetValue(row.Key, out var held))
                {
                    superseded++;
                    if (row.EventTimestamp < held.EventTimestamp)
                        continue;
                }

                newest[row.Key] = row;
            }

            var view = plan.Views[v];
            writes[v] = store.WriteAsync(view.Ref, view.FeatureNames, [.. newest.Values], view.WriteOptions, ct);
        }

        try
        {
            await Task.WhenAll(writes).ConfigureAwait(false);
        }
        catch
        {
            // Surface the first failure (an OnlineStoreUnavailableException, typically) rather than an AggregateException.
            foreach (var write in writes)
            {
                if (write.IsFaulted)
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(write.Exception!.InnerException!).Throw();
            }

            throw;
        }

        int written = 0, skipped = superseded;
        foreach (var write in writes)
        {
            written += write.Result.Written;
            skipped += write.Result.SkippedOlder;
        }

        return (written, skipped);
    }
}
