using System.Runtime.InteropServices;

namespace FeatureStore.Benchmarks;

/// <summary>
/// Sleeps for tens of microseconds without burning a core: <see cref="Thread.Sleep(int)"/> only knows milliseconds (and
/// overshoots to ~1.1 ms on Linux), and spinning would take one of the machine's two cores away from the system under test.
/// </summary>
internal static partial class PreciseSleep
{
    public static void Microseconds(long microseconds)
    {
        if (microseconds <= 0)
            return;
        if (!OperatingSystem.IsLinux())
        {
            Thread.Sleep(TimeSpan.FromTicks(microseconds * 10));
            return;
        }

        var request = new TimeSpec { Seconds = microseconds / 1_000_000, Nanoseconds = microseconds % 1_000_000 * 1000 };
        _ = NanoSleep(ref request, IntPtr.Zero);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "nanosleep")]
    private static partial int NanoSleep(ref TimeSpec request, IntPtr remaining);
}
