using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace FeatureStore.Tests.Shared;

/// <summary>
/// A redis-server owned by one test, so the test may stop, restart, kill or freeze it (the shared server of test.sh
/// must not be touched). It keeps one free 127.0.0.1 port across restarts. Fails, never skips, when Redis is missing.
/// </summary>
internal sealed class TestRedis : IAsyncDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("fs-redis-").FullName;
    private Process? process;

    private TestRedis(int port) => Port = port;

    public int Port { get; }

    public string Address => $"127.0.0.1:{Port}";

    public static async Task<TestRedis> StartAsync()
    {
        var redis = new TestRedis(TestServers.FreePort());
        await redis.RestartAsync();
        return redis;
    }

    /// <summary>Starts the server (stopping it first if it runs) and waits until it accepts connections.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        var start = new ProcessStartInfo("redis-server")
        {
            ArgumentList =
            {
                "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                "--dir", directory, "--logfile", Path.Combine(directory, "redis.log"),
            },
            RedirectStandardOutput = true,
        };
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("redis-server is not installed: run deploy/install-test-deps.sh (or ./test.sh, which runs it)", e);
        }

        _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        var clock = Stopwatch.StartNew();
        while (!await AcceptsAsync())
        {
            if (process.HasExited || clock.Elapsed > TimeSpan.FromSeconds(10))
            {
                throw new InvalidOperationException($"redis-server did not listen on {Address} within 10 s; see {directory}/redis.log");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Shuts the server down (SIGTERM, as an operator would) and waits until it is gone.</summary>
    public async Task StopAsync()
    {
        if (process is not { HasExited: false })
        {
            return;
        }

        Freeze(false);
        Signal("-TERM");
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
        }
    }

    /// <summary>SIGKILL: the server dies at once, mid-whatever.</summary>
    public void Kill()
    {
        if (process is { HasExited: false })
        {
            process.Kill();
            process.WaitForExit();
        }
    }

    /// <summary>SIGSTOP / SIGCONT: the socket stays open but nothing answers.</summary>
    public void Freeze(bool frozen) => Signal(frozen ? "-STOP" : "-CONT");

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        process?.Dispose();
        Directory.Delete(directory, recursive: true);
    }

    private void Signal(string signal)
    {
        if (process is { HasExited: false })
        {
            using var kill = Process.Start("kill", [signal, process.Id.ToString(CultureInfo.InvariantCulture)])!;
            kill.WaitForExit();
        }
    }

    private async Task<bool> AcceptsAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
