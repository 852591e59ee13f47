using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace FeatureStore.Benchmarks.PitMatrix;

/// <summary>
/// Measures a command as a whole: <c>pit-matrix --measure PROGRAM ARGS...</c> runs PROGRAM as this process's only child
/// (sharing its stdout and stderr) and then prints <c>MEASURED wall= user= sys= rss_kb= minflt= majflt=</c> from
/// <c>getrusage(RUSAGE_CHILDREN)</c>: for an only child those are exactly its own CPU times, peak RSS and page faults,
/// whatever the program is (this engine, the CLI, node with DuckDB). Wall time runs from process start to exit.
/// </summary>
internal static partial class PitMatrixMeasure
{
    public const string Flag = "--measure";
    private const string Prefix = "MEASURED ";
    private const int ChildrenOfThisProcess = -1;

    /// <summary>The measuring process: runs <paramref name="command"/>, prints the MEASURED line, returns its exit code.</summary>
    public static int Run(string[] command)
    {
        if (command.Length == 0)
            throw new ArgumentException($"pit-matrix {Flag} PROGRAM [ARGS...]: no program given");
        if (!OperatingSystem.IsLinux())
            throw new PlatformNotSupportedException("pit-matrix measures children with getrusage(RUSAGE_CHILDREN): Linux only");
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(new ProcessStartInfo(command[0], command[1..]))
            ?? throw new InvalidOperationException($"could not start {command[0]}");
        process.WaitForExit();
        var wall = watch.Elapsed.TotalSeconds;
        if (GetResourceUsage(ChildrenOfThisProcess, out var usage) != 0)
            throw new InvalidOperationException($"getrusage failed (errno {Marshal.GetLastPInvokeError()})");
        Console.Out.Flush();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Prefix}wall={wall:F3} user={usage.UserSeconds + (usage.UserMicros / 1e6):F3} sys={usage.SystemSeconds + (usage.SystemMicros / 1e6):F3} rss_kb={usage.MaxRssKb} minflt={usage.MinorFaults} majflt={usage.MajorFaults} exit={process.ExitCode}"));
        return process.ExitCode;
    }

    /// <summary>Runs <paramref name="program"/> under a fresh measuring process; throws, with its output, when it fails.</summary>
    public static PitMatrixMeasurement Measure(string what, string program, IReadOnlyList<string> arguments)
    {
        var (self, selfArguments) = Self(["pit-matrix", Flag, program, .. arguments]);
        var start = new ProcessStartInfo(self, selfArguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {self}");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var line = output.Split('\n').LastOrDefault(l => l.StartsWith(Prefix, StringComparison.Ordinal));
        if (process.ExitCode != 0 || line is null)
        {
            throw new InvalidOperationException(
                $"{what} failed (exit {process.ExitCode}): {program} {string.Join(' ', arguments)}\n{output.TrimEnd()}\n{error.Result.TrimEnd()}");
        }

        var values = line[Prefix.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2))
            .ToDictionary(p => p[0], p => double.Parse(p[1], CultureInfo.InvariantCulture), StringComparer.Ordinal);
        return new PitMatrixMeasurement(values["wall"], values["user"], values["sys"], (long)values["rss_kb"], (long)values["minflt"], (long)values["majflt"]);
    }

    /// <summary>This benchmark program as a command: its apphost, or <c>dotnet</c> with its assembly.</summary>
    public static (string Program, string[] Arguments) Self(string[] arguments)
    {
        var process = Environment.ProcessPath ?? "dotnet";
        return Path.GetFileNameWithoutExtension(process) == "dotnet"
            ? (process, [typeof(PitMatrixMeasure).Assembly.Location, .. arguments])
            : (process, arguments);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct ResourceUsage
    {
        public long UserSeconds;
        public long UserMicros;
        public long SystemSeconds;
        public long SystemMicros;
        public long MaxRssKb;
        public long SharedMemory;
        public long UnsharedData;
        public long UnsharedStack;
        public long MinorFaults;
        public long MajorFaults;
        public long Swaps;
        public long BlockInputs;
        public long BlockOutputs;
        public long MessagesSent;
        public long MessagesReceived;
        public long Signals;
        public long VoluntarySwitches;
        public long InvoluntarySwitches;
    }

    [LibraryImport("libc", EntryPoint = "getrusage", SetLastError = true)]
    private static partial int GetResourceUsage(int who, out ResourceUsage usage);
}
