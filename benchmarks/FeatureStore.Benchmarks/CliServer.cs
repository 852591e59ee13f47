using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace FeatureStore.Benchmarks;

/// <summary>
/// A feature server in its own process from a CLI build: <c>dotnet DIR/featurestore.dll --repo REPO serve --port P
/// --metrics-port M</c> (build another revision's CLI with <c>benchmarks/build-baseline.sh</c>). Its CPU time is read
/// from <c>/proc/PID/stat</c> (utime + stime).
/// </summary>
internal sealed partial class CliServer : IBenchServer
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process process;
    private readonly StringBuilder output = new();

    private CliServer(string name, Process process, int port, int metricsPort)
    {
        Name = name;
        this.process = process;
        Address = new Uri($"http://127.0.0.1:{port}");
        MetricsAddress = new Uri($"http://127.0.0.1:{metricsPort}/");
    }

    public string Name { get; }

    public Uri Address { get; }

    public Uri MetricsAddress { get; }

    public bool CpuIncludesClient => false;

    /// <summary>Starts the CLI in <paramref name="cliDir"/> on <paramref name="repoDir"/>; returns once it says it serves.</summary>
    public static async Task<CliServer> StartAsync(string name, string cliDir, string repoDir)
    {
        var dll = Path.Combine(cliDir, "featurestore.dll");
        if (!File.Exists(dll))
            throw new ArgumentException($"--server-cli {cliDir}: no featurestore.dll there (build one with benchmarks/build-baseline.sh REV {cliDir})");
        if (!OperatingSystem.IsLinux())
            throw new PlatformNotSupportedException("--server-cli reads the server's CPU time from /proc: Linux only");
        var port = FreePort();
        var metricsPort = FreePort();
        var start = new ProcessStartInfo("dotnet", [dll, "--repo", repoDir, "serve", "--port", port.ToString(CultureInfo.InvariantCulture), "--metrics-port", metricsPort.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start dotnet {dll}");
        var server = new CliServer(name, process, port, metricsPort);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) => server.Collect(e.Data, ready);
        process.ErrorDataReceived += (_, e) => server.Collect(e.Data, null);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(ready.Task, exited, Task.Delay(StartTimeout)).ConfigureAwait(false);
        if (first != ready.Task)
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException(first == exited
                ? $"{dll} serve exited with {process.ExitCode} before serving:\n{server.Output}"
                : $"{dll} serve did not report serving within {StartTimeout.TotalSeconds:0} s:\n{server.Output}");
        }

        return server;
    }

    public string Output
    {
        get
        {
            lock (output)
                return output.ToString();
        }
    }

    public TimeSpan Cpu()
    {
        // Fields after the parenthesised command name: state is field 3, utime 14 and stime 15 (clock ticks).
        var stat = File.ReadAllText($"/proc/{process.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / (double)ClockTicksPerSecond);
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync().ConfigureAwait(false);
        }

        process.Dispose();
    }

    private void Collect(string? line, TaskCompletionSource? ready)
    {
        if (line is null)
            return;
        lock (output)
            output.AppendLine(line);
        if (line.StartsWith("serving project", StringComparison.Ordinal))
            ready?.TrySetResult();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static long ClockTicksPerSecond => SysConf(ScClockTicks);

    private const int ScClockTicks = 2;

    [LibraryImport("libc", EntryPoint = "sysconf")]
    private static partial long SysConf(int name);
}
