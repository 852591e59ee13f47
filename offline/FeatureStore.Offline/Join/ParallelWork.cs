using System.Runtime.ExceptionServices;

namespace FeatureStore.Offline;

/// <summary>Parallel loops that surface the first real error (a user's TrainingSetException) instead of an AggregateException.</summary>
internal static class ParallelWork
{
    public static void ForEach<TItem, TLocal>(IEnumerable<TItem> items, int parallelism, CancellationToken cancellationToken, Func<TLocal> init, Action<TItem, TLocal> body)
        where TLocal : IDisposable
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken };
        try
        {
            Parallel.ForEach(items, options, init, (item, _, local) =>
            {
                body(item, local);
                return local;
            }, local => local.Dispose());
        }
        catch (AggregateException e)
        {
            var first = e.Flatten().InnerExceptions.FirstOrDefault(x => x is TrainingSetException) ?? e.Flatten().InnerExceptions[0];
            ExceptionDispatchInfo.Capture(first).Throw();
            throw;
        }
    }
}
