using System.Diagnostics;
using System.Text.Json;

namespace FeatureStore.Serving.Tests;

/// <summary>
/// Runs the independent gRPC clients of tests/interop-grpc (Node @grpc/grpc-js, Python grpcio) and parses their one
/// JSON lines. A missing dependency fails the test with what to run; it never skips.
/// </summary>
internal static class InteropClients
{
    public static readonly string RepoRoot = FindRepoRoot();

    private static readonly string InteropDir = Path.Combine(RepoRoot, "tests", "interop-grpc");

    private static readonly string[] NodePackages = ["@grpc/grpc-js", "@grpc/proto-loader", "@grpc/reflection", "protobufjs"];

    /// <param name="environment">Extra environment variables of the client process (an API key, for instance).</param>
    public static async Task<JsonElement> RunAsync(string client, Uri server, string scenario, IReadOnlyDictionary<string, string>? environment = null)
    {
        await using var process = Start(client, server, scenario, environment);
        return await process.FinishAsync();
    }

    /// <summary>Starts a client on a scenario without waiting for it, for tests that act while it runs.</summary>
    public static InteropProcess Start(string client, Uri server, string scenario, IReadOnlyDictionary<string, string>? environment = null)
    {
        var address = $"{server.Host}:{server.Port}";
        var (program, arguments) = client switch
        {
            "node" => ("node", new[] { Path.Combine(InteropDir, "client.mjs"), address, scenario }),
            "python" => ("/usr/bin/python3", new[] { Path.Combine(InteropDir, "python", "client.py"), address, scenario }),
            _ => throw new ArgumentOutOfRangeException(nameof(client), client, "node or python"),
        };
        CheckDependencies(client);
        var start = new ProcessStartInfo(program, arguments);
        start.Environment["NO_PROXY"] = "127.0.0.1";
        start.Environment["no_proxy"] = "127.0.0.1";
        start.Environment.Remove("FEATURESTORE_API_KEY");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        return new InteropProcess(client, start);
    }

    private static void CheckDependencies(string client)
    {
        if (client == "node")
        {
            Assert.True(
                NodePackages.All(package => Directory.Exists(Path.Combine(InteropDir, "node_modules", package))),
                $"tests/interop-grpc/node_modules is missing one of {string.Join(", ", NodePackages)}: run ./test.sh (it runs npm ci --prefix tests/interop-grpc)");
            return;
        }

        foreach (var tool in new[] { "/usr/bin/python3", "/usr/bin/protoc", "/usr/bin/grpc_python_plugin", "/usr/include/google/protobuf/timestamp.proto" })
        {
            Assert.True(File.Exists(tool), $"{tool} is missing: run ./test.sh (it installs python3-grpcio python3-protobuf protobuf-compiler protobuf-compiler-grpc libprotobuf-dev)");
        }

        Assert.True(
            Directory.Exists("/usr/lib/python3/dist-packages/grpc") && Directory.Exists("/usr/lib/python3/dist-packages/google/protobuf"),
            "Debian's python3-grpcio / python3-protobuf are missing: run ./test.sh (it installs them)");
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FeatureStore.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"FeatureStore.sln not found above {AppContext.BaseDirectory}");
    }
}
