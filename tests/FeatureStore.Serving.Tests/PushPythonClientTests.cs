using System.Diagnostics;
using System.Text.Json;

namespace FeatureStore.Serving.Tests;

/// <summary>A stock Python client (Debian's grpcio, stubs generated from the .proto) pushing a row, then reading it back.</summary>
public sealed class PushPythonClientTests
{
    private static readonly string Script = Path.Combine(InteropClients.RepoRoot, "tests", "interop-grpc", "python", "push_client.py");

    [Fact]
    public async Task GrpcioPushesARowThatIsThenServedAndGetsInvalidArgumentForABadOne()
    {
        await using var env = await PushServer.StartAsync();

        var reply = await RunAsync(env.Server.Address, "driver_live", 31);

        var push = reply.GetProperty("push");
        Assert.Equal((1, 1, 0, 0), (push.GetProperty("accepted").GetInt32(), push.GetProperty("written_online").GetInt32(),
            push.GetProperty("skipped_older").GetInt32(), push.GetProperty("late").GetInt32()));
        var read = reply.GetProperty("read");
        Assert.Equal(("FIELD_STATUS_PRESENT", 0.25, 6L), (read.GetProperty("status").GetString(), read.GetProperty("conv_rate").GetDouble(), read.GetProperty("trips").GetInt64()));
        Assert.Equal(6, (await env.ReadAsync(31)).Trips);
        var bad = reply.GetProperty("bad");
        Assert.Equal(3, bad.GetProperty("code").GetInt32());
        Assert.Equal(
            "push to feature view 'driver_live' refused, nothing written (1 of the rows are bad): row 0: view driver_live: field trips: expected int64, got \"six\"",
            bad.GetProperty("details").GetString());
        Assert.Equal([31L], env.AppendedRows().Select(r => r.DriverId));
    }

    private static async Task<JsonElement> RunAsync(Uri server, string view, long driverId)
    {
        foreach (var tool in new[] { "/usr/bin/python3", "/usr/bin/protoc", "/usr/bin/grpc_python_plugin", "/usr/include/google/protobuf/timestamp.proto" })
        {
            Assert.True(File.Exists(tool), $"{tool} is missing: run ./test.sh (it installs python3-grpcio python3-protobuf protobuf-compiler protobuf-compiler-grpc libprotobuf-dev)");
        }

        var start = new ProcessStartInfo("/usr/bin/python3", [Script, $"{server.Host}:{server.Port}", view, driverId.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["NO_PROXY"] = "127.0.0.1";
        start.Environment["no_proxy"] = "127.0.0.1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start /usr/bin/python3");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        var text = (await output).Trim();
        Assert.True(process.ExitCode == 0 && text.Length > 0, $"python push client failed ({process.ExitCode}): {await error}");
        return JsonDocument.Parse(text.Split('\n')[^1]).RootElement;
    }
}
