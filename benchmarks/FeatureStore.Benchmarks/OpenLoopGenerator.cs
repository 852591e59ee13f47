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
        var histogram = new LongConcurrentHistogram(1, OpenLoopResult.HighestMicroseconds, 3);
        long errors = 0;
        string? firstError = null;
        var total = (long)(rate * duration.TotalSeconds);
        var pending = new List<Task>((int)Math.Min(total, 1_000_000));
        var ticksPerRequest = Stopwatch.Frequency / rate;
        var runtimeBefore = RuntimeLoad.Now();
        long maxQueued = 0;
        var start = Stopwatch.GetTimestamp();
        long lastCompletion = start;

        async Task Issue(long index, long intended)
        {
            try
            {
                await call(index).ConfigureAwait(false);
                var now = Stopwatch.GetTimestamp();
                histogram.RecordValue(Math.Clamp((now - intended) * 1_000_000 / Stopwatch.Frequency, 0, OpenLoopResult.HighestMicroseconds));
                InterlockedMax(ref lastCompletion, now);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Interlocked.Increment(ref errors);
                Interlocked.CompareExchange(ref firstError, $"{e.GetType().Name}: {e.Message}", null);
            }
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

                pending.Add(Issue(i, intended));
            }
        })
        { IsBackground = true, Priority = ThreadPriority.AboveNormal, Name = "open-loop sender" };
        sender.Start();
        sender.Join();
        Task.WhenAll(pending).Wait();
        var seconds = (Interlocked.Read(ref lastCompletion) - start) / (double)Stopwatch.Frequency;
        var completed = histogram.TotalCount;
        var runtime = (RuntimeLoad.Now() - runtimeBefore) with { MaxQueued = maxQueued, Calls = total };
        return new OpenLoopResult(rate, seconds > 0 ? completed / seconds : 0, completed, errors, histogram, firstError, runtime);
    }

    private static void InterlockedMax(ref long target, long value)
    {
        long seen;
        while (value > (seen = Interlocked.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
