using System.Globalization;

namespace FeatureStore.Benchmarks.PitMatrix;

/// <summary>
/// One shape of the pit-matrix benchmark: <paramref name="Entities"/> keys with <paramref name="RowsPerKey"/> rows each in
/// every one of <paramref name="Views"/> views (5 features each), a spine of <paramref name="SpineRows"/> rows, and with
/// <paramref name="CreatedAndTtl"/> the even-numbered views carrying created timestamps and a TTL.
/// </summary>
internal sealed record PitMatrixCell(string Name, long Entities, int RowsPerKey, int Views, long SpineRows, bool CreatedAndTtl)
{
    public long FeatureRows => Entities * RowsPerKey * Views;

    /// <summary>Names the generated data and repo: every parameter that changes a file is in it.</summary>
    public string Key => string.Create(CultureInfo.InvariantCulture, $"e{Entities}-r{RowsPerKey}-v{Views}-s{SpineRows}-{(CreatedAndTtl ? "ct" : "plain")}");

    /// <summary>The views' data depends on the entities, rows per key and created/TTL switch only (view i is the same file in every view count).</summary>
    public string ViewDataKey => string.Create(CultureInfo.InvariantCulture, $"e{Entities}-r{RowsPerKey}-{(CreatedAndTtl ? "ct" : "plain")}");

    public string SpineKey => string.Create(CultureInfo.InvariantCulture, $"e{Entities}-s{SpineRows}");

    /// <summary>The same cell with entities and spine rows multiplied by <paramref name="scale"/> (rows per key and views kept), for smoke runs.</summary>
    public PitMatrixCell Scaled(double scale) => scale == 1 ? this : this with
    {
        Entities = Math.Max(1, (long)Math.Round(Entities * scale)),
        SpineRows = Math.Max(1, (long)Math.Round(SpineRows * scale)),
    };
}
