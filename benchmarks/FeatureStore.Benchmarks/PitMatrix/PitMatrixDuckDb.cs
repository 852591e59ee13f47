using System.Text.Json;

namespace FeatureStore.Benchmarks.PitMatrix;

/// <summary>
/// The DuckDB side of a pit-matrix cell: <c>tests/interop/pit/matrix-duckdb.mjs SPEC.json OUT.parquet</c> (node with
/// @duckdb/node-api, 2 threads) given the cell's spine and views (paths, event and created columns, TTL, features) and
/// how created time breaks event-time ties: <c>packed</c> (one ASOF JOIN on event and created packed into a HUGEINT) or
/// <c>window</c> (latest created row per key and event first, then ASOF JOIN on event).
/// </summary>
internal static class PitMatrixDuckDb
{
    public const int Threads = 2;

    public static readonly string[] TieStrategies = ["packed", "window"];

    /// <summary>Writes the request spec beside <paramref name="output"/>; returns the command.</summary>
    public static (string Program, string[] Arguments) Command(string dir, PitMatrixCell cell, string output, string ties)
    {
        var spec = new
        {
            spine = PitMatrixData.SpinePath(dir, cell),
            key = PitMatrixView.JoinKey,
            timestamp = PitMatrixData.SpineTimestamp,
            threads = Threads,
            ties,
            views = PitMatrixView.Of(cell).Select(v => new
            {
                path = PitMatrixData.ViewPath(dir, cell, v),
                @event = PitMatrixView.EventColumn,
                created = v.HasCreated ? PitMatrixView.CreatedColumn : null,
                ttl_us = v.Ttl is { } ttl ? (long?)(ttl.Ticks / 10) : null,
                features = v.Features.Select(f => f.Name).ToArray(),
            }).ToArray(),
        };
        var specPath = output + ".spec.json";
        File.WriteAllText(specPath, JsonSerializer.Serialize(spec));
        return ("node", [Script("matrix-duckdb.mjs"), specPath, output]);
    }

    /// <summary>A script of <c>tests/interop/pit</c>, checked to exist along with its npm packages.</summary>
    public static string Script(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "FeatureStore.sln")))
                continue;
            var interop = Path.Combine(dir.FullName, "tests", "interop");
            if (!Directory.Exists(Path.Combine(interop, "node_modules", "@duckdb", "node-api")))
                throw new InvalidOperationException($"{interop}: @duckdb/node-api is not installed; run `npm ci --prefix tests/interop`");
            return Path.Combine(interop, "pit", name);
        }

        throw new InvalidOperationException("FeatureStore.sln not found above " + AppContext.BaseDirectory);
    }
}
