using System.Globalization;

namespace FeatureStore.Benchmarks;

/// <summary>
/// What this process did during one run: CPU time (client and server together; Redis is another process), GC collections
/// and pause time, thread-pool size and backlog: the usual suspects behind a latency tail.
/// </summary>
internal readonly record struct RuntimeLoad(TimeSpan Cpu, long Calls, int Gen0, int Gen1, int Gen2, TimeSpan Paused, int Threads, long MaxQueued)
{
    public static RuntimeLoad Now()
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return new(process.TotalProcessorTime, 0, GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration(), ThreadPool.ThreadCount, 0);
    }

    public static RuntimeLoad operator -(RuntimeLoad end, RuntimeLoad start) =>
        new(end.Cpu - start.Cpu, end.Calls, end.Gen0 - start.Gen0, end.Gen1 - start.Gen1, end.Gen2 - start.Gen2, end.Paused - start.Paused, end.Threads, end.MaxQueued);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"cpu {(Calls == 0 ? 0 : Cpu.TotalMilliseconds / Calls):F3} ms/call, gc {Gen0}/{Gen1}/{Gen2} paused {Paused.TotalMilliseconds:F0} ms, pool threads {Threads}, max queued {MaxQueued}");
}
