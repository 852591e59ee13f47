using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace FeatureStore.Materialization.Tests;

/// <summary>A redis-server process owned by one test, so the test may freeze it (SIGSTOP) mid-run.</summary>
internal sealed class OwnRedisServer : IDisposable
{
    private readonly Process process;
    private readonly string folder = Directory.CreateTempSubdirectory("fs-mat-redis-").FullName;

    public OwnRedisServer()
    {
        Port = TestServers.DeadPort();
        var start = new ProcessStartInfo("redis-server")
        {
            ArgumentList = { "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", folder },
            RedirectStandardOutput = true,
        };
        process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start: run deploy/install-test-deps.sh");
        _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        var clock = Stopwatch.StartNew();
        while (!Accepts())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(10))
                throw new InvalidOperationException($"redis-server did not listen on 127.0.0.1:{Port} within 10 s");
            Thread.Sleep(20);
        }
    }

    public int Port { get; }

    public string Address => $"127.0.0.1:{Port}";

    /// <summary>SIGSTOP / SIGCONT: the socket stays open but nothing answers, as when a server hangs or dies behind a proxy.</summary>
    public void Freeze(bool frozen) =>
        Process.Start("kill", [frozen ? "-STOP" : "-CONT", process.Id.ToString(CultureInfo.InvariantCulture)])!.WaitForExit();

    public void Dispose()
    {
        if (!process.HasExited)
        {
            Freeze(false);
            process.Kill();
            process.WaitForExit();
        }

        process.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    private bool Accepts()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
