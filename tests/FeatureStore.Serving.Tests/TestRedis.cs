using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace FeatureStore.Serving.Tests;

/// <summary>
/// A throwaway redis-server of this test alone (it is stopped and restarted, so the shared one of test.sh cannot be
/// used), on a free 127.0.0.1 port that stays the same across restarts. Fails, never skips, when Redis is not installed.
/// </summary>
internal sealed class TestRedis : IAsyncDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("fs-redis-").FullName;

    private TestRedis(int port) => Port = port;

    public int Port { get; }

    public string Address => $"127.0.0.1:{Port}";

    public static async Task<TestRedis> StartAsync()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var redis = new TestRedis(port);
        await redis.RestartAsync();
        return redis;
    }

    public async Task RestartAsync()
    {
        await RunAsync(
            "redis-server",
            $"--port {Port} --bind 127.0.0.1 --save '' --appendonly no --daemonize yes --dir {directory} --pidfile {directory}/redis.pid --logfile {directory}/redis.log");
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new InvalidOperationException($"redis-server did not listen on {Address} within 5 s; see {directory}/redis.log");
    }

    public Task StopAsync() => RunAsync("redis-cli", $"-p {Port} shutdown nosave", ignoreExitCode: true);

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(directory, recursive: true);
    }

    private static async Task RunAsync(string program, string arguments, bool ignoreExitCode = false)
    {
        Process process;
        try
        {
            process = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", $"{program} {arguments}"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"cannot run {program}: {e.Message}; run ./test.sh (it installs the test dependencies)", e);
        }

        using (process)
        {
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode == 127)
            {
                throw new InvalidOperationException($"{program} is not installed; run ./test.sh (it installs redis-server and redis-tools)");
            }

            if (process.ExitCode != 0 && !ignoreExitCode)
            {
                throw new InvalidOperationException($"{program} {arguments} failed ({process.ExitCode}): {error}");
            }
        }
    }
}
