using System.Diagnostics;
using HdrHistogram;

namespace FeatureStore.Benchmarks;

/// <summary>
/// Open-loop load at a constant arrival rate: request i is due at start + i/rate, whatever happened to earlier ones
/// (never waits for a reply before sending the next; many calls in flight). Latency = completion − intended send time,
/// so a stalled sender or server shows up in the figures (no coordinated omission). A dedicated thread issues every
/// request that is due, then sleeps (nanosleep, ~60 µs granularity) until the next one is: it neither spins a core away
/// from the system under test nor adds the millisecond of <see cref="Thread.Sleep(int)"/> to every latency. Latencies
/// are recorded in microseconds in an HdrHistogram (3 significant digits).
/// </summary>
internal static class OpenLoopGenerator
{
    public static OpenLoopResult Run(double rate, TimeSpan duration, Func<long, Task> call)
    {
        // As BenchmarkDotNet does between iterations: what earlier runs and set-up left behind is collected and compacted
        // into the old generation first, so no run's young-generation collections keep copying another run's leftovers.
        var pausesBefore = RuntimeLoad.GcEvents.Now().Pauses;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        // Its pause event arrives asynchronously: wait for it, so it is not counted in the run.
        for (var waited = 0; waited < 100 && RuntimeLoad.GcEvents.Now().Pauses == pausesBefore; waited++)
            Thread.Sleep(10);
        var histogram = new LongConcurrentHistogram(1, OpenLoopResult.HighestMicroseconds, 3);
        long errors = 0;
        string? firstError = null;
        var total = (long)(rate * duration.TotalSeconds);
        // Counts calls in flight instead of keeping every task: kept tasks would survive each gen0 collection and
        // lengthen its pause, a cost of the generator rather than of the path measured.
        long outstanding = 1;
        var allDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ticksPerRequest = Stopwatch.Frequency / rate;
        var runtimeBefore = RuntimeLoad.Now();
        long maxQueued = 0;
        var intendedAt = new long[total];
        var completedAt = new long[total];
        var startUtc = DateTime.UtcNow;
        var start = Stopwatch.GetTimestamp();
        long lastCompletion = start;

        async Task Issue(long index, long intended)
        {
            try
            {
                await call(index).ConfigureAwait(false);
                var now = Stopwatch.GetTimestamp();
                completedAt[index] = now;
                histogram.RecordValue(Math.Clamp((now - intended) * 1_000_000 / Stopwatch.Frequency, 0, OpenLoopResult.HighestMicroseconds));
                InterlockedMax(ref lastCompletion, now);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Interlocked.Increment(ref errors);
                Interlocked.CompareExchange(ref firstError, $"{e.GetType().Name}: {e.Message}", null);
            }
            finally
            {
                Release();
            }
        }

        void Release()
        {
            if (Interlocked.Decrement(ref outstanding) == 0)
                allDone.SetResult();
        }

        var sender = new Thread(() =>
        {
            for (long i = 0; i < total; i++)
            {
                var intended = start + (long)(i * ticksPerRequest);
                var early = intended - Stopwatch.GetTimestamp();
                if (early > 0)
                {
                    maxQueued = Math.Max(maxQueued, ThreadPool.PendingWorkItemCount);
                    PreciseSleep.Microseconds(early * 1_000_000 / Stopwatch.Frequency);
                }

                Interlocked.Increment(ref outstanding);
                intendedAt[i] = intended;
                _ = Issue(i, intended);
            }

            Release();
        })
        { IsBackground = true, Priority = ThreadPriority.AboveNormal, Name = "open-loop sender" };
        sender.Start();
        sender.Join();
        allDone.Task.Wait();
        var seconds = (Interlocked.Read(ref lastCompletion) - start) / (double)Stopwatch.Frequency;
        var completed = histogram.TotalCount;
        var runtime = (RuntimeLoad.Now() - runtimeBefore) with { MaxQueued = maxQueued, Calls = total };
        // Pause events reach the listener asynchronously: let the run's last ones arrive before its pauses are counted.
        Thread.Sleep(200);
        runtime = runtime with { Pauses = RuntimeLoad.GcEvents.Now() - runtimeBefore.Pauses };
        var clear = GcClearCalls.Of(intendedAt, completedAt, start, startUtc);
        return new OpenLoopResult(rate, seconds > 0 ? completed / seconds : 0, completed, errors, histogram, firstError, runtime, clear);
    }

    private static void InterlockedMax(ref long target, long value)
    {
        long seen;
        while (value > (seen = Interlocked.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
