using System.Globalization;
using System.Runtime.InteropServices;

namespace FeatureStore.Benchmarks;

/// <summary>
/// What this process did during one run: CPU time (client and server together; Redis is another process), context
/// switches (each a thread going to sleep or being pre-empted: costly on this virtual machine), GC collections and pause
/// time, thread-pool size and backlog: the usual suspects behind a latency tail.
/// </summary>
internal readonly record struct RuntimeLoad(TimeSpan Cpu, long Switches, long Calls, int Gen0, int Gen1, int Gen2, GcPauses.Totals Pauses, int Threads, long MaxQueued)
{
    /// <summary>This process's GC pause events, listened to from the first use on.</summary>
    public static GcPauses GcEvents { get; } = new();

    public static RuntimeLoad Now()
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return new(process.TotalProcessorTime, ContextSwitches(), 0, GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GcEvents.Now(), ThreadPool.ThreadCount, 0);
    }

    public static RuntimeLoad operator -(RuntimeLoad end, RuntimeLoad start) =>
        new(end.Cpu - start.Cpu, end.Switches - start.Switches, end.Calls, end.Gen0 - start.Gen0, end.Gen1 - start.Gen1, end.Gen2 - start.Gen2, end.Pauses - start.Pauses, end.Threads, end.MaxQueued);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"cpu {PerCall(Cpu.TotalMilliseconds):F3} ms/call, switches {PerCall(Switches):F1}/call, gc {Gen0}/{Gen1}/{Gen2}, {Pauses}, pool threads {Threads}, max queued {MaxQueued}");

    private double PerCall(double total) => Calls == 0 ? 0 : total / Calls;

    /// <summary>Voluntary plus involuntary context switches of every thread of this process, ended threads included (getrusage); 0 off Linux.</summary>
    private static long ContextSwitches()
    {
        if (!OperatingSystem.IsLinux() || GetRusage(0, out var usage) != 0)
            return 0;
        return usage.VoluntarySwitches + usage.InvoluntarySwitches;
    }

    [DllImport("libc", EntryPoint = "getrusage")]
    private static extern int GetRusage(int who, out Rusage usage);

    /// <summary>Linux x86-64/arm64 <c>struct rusage</c>: two timevals, then 14 longs of which the last two are nvcsw and nivcsw.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Rusage
    {
        public long UserSeconds, UserMicroseconds, SystemSeconds, SystemMicroseconds;
        public long MaxRss, SharedMemory, UnsharedData, UnsharedStack, MinorFaults, MajorFaults, Swaps, BlockIn, BlockOut, MessagesSent, MessagesReceived, Signals;
        public long VoluntarySwitches, InvoluntarySwitches;
    }
}
