namespace FeatureStore.Streaming.Kafka.Consuming;

/// <summary>
/// Runs a step until it succeeds, waiting with <see cref="Backoff"/> after each transient failure and reporting it. A stop
/// request ends the waiting with <see cref="OperationCanceledException"/>: nothing after the step (the commit) happens,
/// so the records are read again by the next run.
/// </summary>
internal static class Retry
{
    public static async Task<T> UntilDoneAsync<T>(
        Func<Task<T>> step, Func<Exception, bool> isTransient, string what, Reporter reporter, TimeSpan maxBackoff, CancellationToken stop)
    {
        var backoff = new Backoff(maxBackoff);
        while (true)
        {
            try
            {
                var result = await step().ConfigureAwait(false);
                reporter.Recovered();
                return result;
            }
            catch (Exception e) when (isTransient(e))
            {
                var wait = backoff.Next();
                reporter.Trouble($"{what} failed ({OneLine(e.Message)}); retrying with backoff (at most {maxBackoff.TotalSeconds:0.#} s apart)");
                await Task.Delay(wait, stop).ConfigureAwait(false);
            }
        }
    }

    public static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
