using System.Diagnostics;
using System.Text.Json;

namespace FeatureStore.Benchmarks.PitMatrix;

/// <summary>
/// Checks a cell's two training sets agree, read by DuckDB (<c>tests/interop/pit/matrix-check.mjs</c>): the same columns
/// in the same order (the spine's, then every feature of the cell), one row per spine row on both sides, the same non-null
/// count per column, and no cell that differs when the files are lined up row by row (which also checks spine order).
/// </summary>
internal static class PitMatrixCheck
{
    /// <summary>Throws <see cref="InvalidDataException"/> naming the first disagreement; returns the row count.</summary>
    public static long Verify(string engineOutput, string duckDbOutput, PitMatrixCell cell)
    {
        using var json = JsonDocument.Parse(Compare(engineOutput, duckDbOutput));
        var engine = json.RootElement.GetProperty("engine");
        var duck = json.RootElement.GetProperty("duckdb");
        string[] expected = [PitMatrixView.JoinKey, PitMatrixData.SpineTimestamp, "label", .. PitMatrixView.Of(cell).SelectMany(v => v.Features).Select(f => f.Name)];
        var engineColumns = Columns(engine);
        var duckColumns = Columns(duck);
        if (!engineColumns.SequenceEqual(expected, StringComparer.Ordinal))
            throw new InvalidDataException($"engine output {engineOutput} has columns [{string.Join(", ", engineColumns)}], expected [{string.Join(", ", expected)}]");
        if (!duckColumns.SequenceEqual(expected, StringComparer.Ordinal))
            throw new InvalidDataException($"DuckDB output {duckDbOutput} has columns [{string.Join(", ", duckColumns)}], expected [{string.Join(", ", expected)}]");

        var rows = engine.GetProperty("rows").GetInt64();
        if (rows != cell.SpineRows || duck.GetProperty("rows").GetInt64() != cell.SpineRows)
            throw new InvalidDataException($"row counts: engine {rows}, DuckDB {duck.GetProperty("rows").GetInt64()}, spine {cell.SpineRows}");

        foreach (var column in expected)
        {
            var engineCount = engine.GetProperty("non_null").GetProperty(column).GetInt64();
            var duckCount = duck.GetProperty("non_null").GetProperty(column).GetInt64();
            if (engineCount != duckCount)
                throw new InvalidDataException($"column '{column}': {engineCount} non-null values from the engine, {duckCount} from DuckDB");
        }

        foreach (var column in json.RootElement.GetProperty("differing").EnumerateObject().Where(c => c.Value.GetInt64() != 0))
            throw new InvalidDataException($"column '{column.Name}': {column.Value.GetInt64()} rows differ between the engine and DuckDB (same non-null counts)");
        return rows;
    }

    private static string[] Columns(JsonElement side) => [.. side.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!)];

    private static string Compare(string engineOutput, string duckDbOutput)
    {
        var start = new ProcessStartInfo("node", [PitMatrixDuckDb.Script("matrix-check.mjs"), engineOutput, duckDbOutput])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start node");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"matrix-check.mjs failed (exit {process.ExitCode}): {output} {error.Result}");
        return output;
    }
}
