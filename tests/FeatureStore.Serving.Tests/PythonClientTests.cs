using System.Diagnostics;
using System.Text.Json;

namespace FeatureStore.Serving.Tests;

/// <summary>The Python client module (sdk/python/featurestore_client, Debian's grpcio) against the real server in-process.</summary>
public sealed class PythonClientTests
{
    private static readonly string Script = Path.Combine(InteropClients.RepoRoot, "sdk", "python", "tests", "check_client.py");

    [Fact]
    public async Task ReadsValuesStatusesAndUtcEventTimesAsPlainPythonTypes()
    {
        await using var env = await ServingEnvironment.StartAsync();

        var reply = await RunAsync(env.Server.Address, "up");

        Assert.Equal("SERVING", reply.GetProperty("health").GetString());
        Assert.Equal("NOT_FOUND", reply.GetProperty("healthUnknownService").GetProperty("code").GetString());
        var ranking = reply.GetProperty("ranking");
        Assert.Equal(["conv_rate", "trips", "age"], Strings(ranking.GetProperty("names")));
        var rows = ranking.GetProperty("rows");
        Assert.Equal(0.5, rows[0].GetProperty("conv_rate").GetDouble());
        Assert.Equal(12, rows[0].GetProperty("trips").GetInt64());
        Assert.Equal(34, rows[0].GetProperty("age").GetInt32());
        Assert.Equal(JsonValueKind.Null, rows[1].GetProperty("trips").ValueKind);
        Assert.Equal(3, rows[2].GetProperty("trips").GetInt64());
        Assert.Equal(JsonValueKind.Null, rows[3].GetProperty("conv_rate").ValueKind);
        Assert.Equal(
            ["PRESENT|PRESENT|PRESENT", "OUTSIDE_TTL|OUTSIDE_TTL|PRESENT", "PRESENT|PRESENT|PRESENT", "MISSING|MISSING|PRESENT"],
            Rows(ranking.GetProperty("statuses")));
        Assert.Equal(
            ["float|int|int", "NoneType|NoneType|int", "float|int|int", "NoneType|NoneType|int"],
            Rows(ranking.GetProperty("valueKinds")));
        Assert.Equal(
            ["datetime/UTC|datetime/UTC|datetime/UTC", "datetime/UTC|datetime/UTC|datetime/UTC", "datetime/UTC|datetime/UTC|datetime/UTC", "NoneType|NoneType|datetime/UTC"],
            Rows(ranking.GetProperty("eventTimeKinds")));
        var times = ranking.GetProperty("eventTimes");
        AssertSameInstant(ServingEnvironment.Now.AddMinutes(-5), times[0].GetProperty("trips"));
        AssertSameInstant(ServingEnvironment.Now.AddHours(-2), times[1].GetProperty("trips"));
        AssertSameInstant(ServingEnvironment.Now.AddDays(-30), times[3].GetProperty("age"));
    }

    [Fact]
    public async Task FullNamesNullsListsAndGzip()
    {
        await using var env = await ServingEnvironment.StartAsync();

        var reply = await RunAsync(env.Server.Address, "up");

        var full = reply.GetProperty("fullNames");
        Assert.Equal(["driver_stats__city", "customer_profile__embedding"], Strings(full.GetProperty("names")));
        Assert.Equal(["NULL_VALUE|PRESENT", "PRESENT|PRESENT"], Rows(full.GetProperty("statuses")));
        Assert.Equal(["NoneType|list", "str|list"], Rows(full.GetProperty("valueKinds")));
        Assert.Equal("Lyon", full.GetProperty("rows")[1].GetProperty("driver_stats__city").GetString());
        Assert.Equal([0.25, -1.5], full.GetProperty("rows")[0].GetProperty("customer_profile__embedding").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal(12, reply.GetProperty("gzip").GetProperty("rows")[0].GetProperty("trips").GetInt64());
    }

    [Fact]
    public async Task ErrorsCarryTheStatusNameAndDetailsAndBadInputIsRejectedLocally()
    {
        await using var env = await ServingEnvironment.StartAsync();

        var reply = await RunAsync(env.Server.Address, "up");

        var notFound = reply.GetProperty("notFound");
        Assert.Equal("NOT_FOUND", notFound.GetProperty("code").GetString());
        Assert.Equal("feature service 'café_service' is not registered in project 'rides'", notFound.GetProperty("details").GetString());
        Assert.Equal("NOT_FOUND: feature service 'café_service' is not registered in project 'rides'", notFound.GetProperty("message").GetString());
        var invalid = reply.GetProperty("invalidArgument");
        Assert.Equal("INVALID_ARGUMENT", invalid.GetProperty("code").GetString());
        Assert.Equal("entity column 'driver_id' row 0: expected int64, got string", invalid.GetProperty("details").GetString());
        Assert.Equal("ValueError", reply.GetProperty("unevenColumns").GetProperty("local").GetString());
        Assert.Contains("differ in length", reply.GetProperty("unevenColumns").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("TypeError", reply.GetProperty("badKeyType").GetProperty("local").GetString());
        Assert.Contains("'driver_id'", reply.GetProperty("badKeyType").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StoreDownGivesNotServingAndUnavailable()
    {
        var store = Stores.Stub();
        await using var env = await ServingEnvironment.StartAsync(store);
        store.Down = true;
        var clock = Stopwatch.StartNew();
        while (await env.Client.CheckHealthAsync() != Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.NotServing && clock.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(50);
        }

        var reply = await RunAsync(env.Server.Address, "down");

        Assert.Equal("NOT_SERVING", reply.GetProperty("health").GetString());
        Assert.Equal("UNAVAILABLE", reply.GetProperty("read").GetProperty("code").GetString());
    }

    private static void AssertSameInstant(DateTimeOffset expected, JsonElement isoTime)
    {
        var actual = DateTimeOffset.Parse(isoTime.GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(TimeSpan.Zero, actual.Offset);
        Assert.True((actual - expected).Duration() < TimeSpan.FromMilliseconds(1), $"event time {actual:O}, expected {expected:O}");
    }

    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();

    /// <summary>Each row's values joined with '|' in the row's key order.</summary>
    private static string[] Rows(JsonElement rows) =>
        rows.EnumerateArray().Select(r => string.Join('|', r.EnumerateObject().Select(p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText()))).ToArray();

    /// <param name="environment">Extra environment variables of the Python process (an API key, for instance).</param>
    internal static async Task<JsonElement> RunAsync(Uri server, string mode, IReadOnlyDictionary<string, string>? environment = null)
    {
        foreach (var tool in new[] { "/usr/bin/python3", "/usr/bin/protoc", "/usr/bin/grpc_python_plugin", "/usr/lib/python3/dist-packages/grpc/__init__.py" })
        {
            Assert.True(File.Exists(tool), $"{tool} is missing: run ./test.sh (it installs python3-grpcio python3-protobuf protobuf-compiler protobuf-compiler-grpc libprotobuf-dev)");
        }

        var start = new ProcessStartInfo("/usr/bin/python3", [Script, $"{server.Host}:{server.Port}", mode]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["NO_PROXY"] = "127.0.0.1";
        start.Environment["no_proxy"] = "127.0.0.1";
        start.Environment.Remove("FEATURESTORE_API_KEY");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start /usr/bin/python3");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        var text = (await output).Trim();
        Assert.True(process.ExitCode == 0 && text.Length > 0, $"python client check failed ({process.ExitCode}): {await error}");
        return JsonDocument.Parse(text.Split('\n')[^1]).RootElement;
    }
}
