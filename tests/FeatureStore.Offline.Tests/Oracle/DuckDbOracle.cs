using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FeatureStore.Offline.Tests;

/// <summary>Runs tests/interop/pit/oracle.mjs (DuckDB, window-function formulation of the contract) and returns its rows by row_id.</summary>
internal static class DuckDbOracle
{
    public static IReadOnlyDictionary<string, OracleRow> Run(string workDir, string spinePath, IReadOnlyList<OracleView> views, bool asOfCreated)
    {
        var modules = Path.Combine(RepoPaths.InteropDir, "node_modules", "@duckdb", "node-api");
        if (!Directory.Exists(modules))
        {
            throw new InvalidOperationException($"DuckDB for node is not installed: run 'npm ci --prefix tests/interop' ({modules} missing)");
        }

        var spec = new JsonObject
        {
            ["spine"] = spinePath,
            ["timestamp"] = "event_timestamp",
            ["row_id"] = "row_id",
            ["views"] = new JsonArray([.. views.Select(v => (JsonNode)new JsonObject
            {
                ["name"] = v.Name,
                ["path"] = v.Path,
                ["hive"] = v.Hive,
                ["keys"] = new JsonArray([.. v.Keys.Select(k => (JsonNode)JsonValue.Create(k)!)]),
                ["event"] = v.Event,
                ["created"] = v.Created,
                ["ttl_us"] = v.TtlMicros,
                ["as_of"] = asOfCreated,
                ["seq"] = "seq",
                ["features"] = new JsonArray([.. v.Features.Select(f => (JsonNode)new JsonObject { ["source"] = f, ["output"] = f })]),
            })]),
        };
        var specPath = Path.Combine(workDir, $"oracle-{Guid.NewGuid():N}.json");
        File.WriteAllText(specPath, spec.ToJsonString());
        var start = new ProcessStartInfo("node", [Path.Combine(RepoPaths.InteropDir, "pit", "oracle.mjs"), specPath])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = Path.Combine(RepoPaths.InteropDir, "pit"),
        };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"oracle failed ({process.ExitCode}): {stderr.Result}");
        }

        var rows = JsonSerializer.Deserialize<List<OracleRow>>(File.ReadAllText(specPath + ".out"), new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower })!;
        return rows.ToDictionary(r => r.RowId, StringComparer.Ordinal);
    }
}

internal sealed record OracleRow(string RowId, Dictionary<string, JsonElement> Values, Dictionary<string, string> Statuses);
