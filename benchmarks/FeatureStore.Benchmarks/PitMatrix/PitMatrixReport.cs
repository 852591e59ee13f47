using System.Globalization;

namespace FeatureStore.Benchmarks.PitMatrix;

/// <summary>
/// The pit-matrix table: one row per cell with each side's best wall time, CPU (the engine's split into user and system,
/// DuckDB's total and system), peak RSS and minor page faults, the engine/DuckDB ratios, and OK/MISS against the targets (wall ratio &lt;= 0.8, peak
/// RSS &lt;= DuckDB's); FAIL when the cell could not be measured or the outputs disagree.
/// </summary>
internal static class PitMatrixReport
{
    public const double WallTarget = 0.8;

    private const string Format = "{0,-15} {1,9} {2,9} | {3,7} {4,7} {5,6} {6,8} | {7,7} {8,7} {9,6} {10,8} | {11,6} | {12,7} {13,7} {14,6} | {15}";

    public static string Header() => string.Format(CultureInfo.InvariantCulture, Format,
        "cell", "spine", "feat.rows", "e.wall", "e.user", "e.sys", "e.kflt", "d.wall", "d.cpu", "d.sys", "d.kflt", "wall x", "e.MB", "d.MB", "RSS x", "target");

    /// <summary>The cell's row, and whether it meets both targets.</summary>
    public static (string Text, bool Met) Row(PitMatrixCell cell, PitMatrixMeasurement engine, PitMatrixMeasurement duck)
    {
        var wallRatio = engine.Wall / duck.Wall;
        var rssRatio = (double)engine.RssKb / duck.RssKb;
        var misses = new List<string>();
        if (wallRatio > WallTarget)
            misses.Add("wall");
        if (engine.RssKb > duck.RssKb)
            misses.Add("RSS");
        var text = string.Format(CultureInfo.InvariantCulture, Format,
            cell.Name, Count(cell.SpineRows), Count(cell.FeatureRows),
            Seconds(engine.Wall), Seconds(engine.User), Seconds(engine.Sys), engine.MinorFaults / 1000,
            Seconds(duck.Wall), Seconds(duck.Cpu), Seconds(duck.Sys), duck.MinorFaults / 1000,
            wallRatio.ToString("F2", CultureInfo.InvariantCulture),
            engine.RssMb.ToString("F0", CultureInfo.InvariantCulture), duck.RssMb.ToString("F0", CultureInfo.InvariantCulture),
            rssRatio.ToString("F2", CultureInfo.InvariantCulture),
            misses.Count == 0 ? "OK" : "MISS (" + string.Join(", ", misses) + ")");
        return (text, misses.Count == 0);
    }

    public static string Failed(PitMatrixCell cell, string reason) =>
        string.Create(CultureInfo.InvariantCulture, $"{cell.Name,-15} {Count(cell.SpineRows),9} {Count(cell.FeatureRows),9} | FAIL: {reason}");

    private static string Seconds(double seconds) => seconds.ToString(seconds < 10 ? "F2" : "F1", CultureInfo.InvariantCulture);

    private static string Count(long rows) => rows switch
    {
        >= 1_000_000 => (rows / 1e6).ToString(rows % 1_000_000 == 0 ? "F0" : "F1", CultureInfo.InvariantCulture) + "M",
        >= 1_000 => (rows / 1e3).ToString(rows % 1_000 == 0 ? "F0" : "F1", CultureInfo.InvariantCulture) + "k",
        _ => rows.ToString(CultureInfo.InvariantCulture),
    };
}
