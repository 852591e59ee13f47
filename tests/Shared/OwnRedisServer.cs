using System.Diagnostics;
using System.Net.Sockets;

namespace FeatureStore.Tests.Shared;

/// <summary>A redis-server process owned by one test, so the test may kill or freeze it.</summary>
internal sealed class OwnRedisServer : IDisposable
{
    private readonly Process process;
    private readonly string folder = Directory.CreateTempSubdirectory("fs-own-redis-").FullName;

    public OwnRedisServer()
    {
        Port = FreePort();
        var start = new ProcessStartInfo("redis-server")
        {
            ArgumentList = { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", folder },
            RedirectStandardOutput = true,
        };
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("redis-server is not installed: run deploy/install-test-deps.sh", e);
        }
        process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
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

    public void Kill() => process.Kill();

    /// <summary>SIGSTOP / SIGCONT: the socket stays open but nothing answers.</summary>
    public void Freeze(bool frozen) => Process.Start("kill", [frozen ? "-STOP" : "-CONT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();

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

    // A 127.0.0.1 port nothing listens on (bound, then released for redis-server to take).
    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
