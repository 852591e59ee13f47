namespace FeatureStore.Benchmarks.PitMatrix;

/// <summary>
/// The pit-matrix cells: one axis varied at a time around a base shape (300k entities x 20 rows per key, one view with
/// created timestamps and a 30-day TTL plus one plain view, 1M spine rows), so the matrix stays tractable on 2 cores.
/// </summary>
internal static class PitMatrixCells
{
    public static readonly PitMatrixCell Base = new("base", 300_000, 20, 2, 1_000_000, CreatedAndTtl: true);

    public static IReadOnlyList<PitMatrixCell> Default { get; } =
    [
        Base,
        Base with { Name = "entities=10k", Entities = 10_000 },
        Base with { Name = "rows/key=1", RowsPerKey = 1 },
        Base with { Name = "views=1", Views = 1 },
        Base with { Name = "views=3", Views = 3 },
        Base with { Name = "views=10", Views = 10 },
        Base with { Name = "spine=10k", SpineRows = 10_000 },
        Base with { Name = "no-created-ttl", CreatedAndTtl = false },
    ];

    /// <summary>Added by <c>--cells big</c>; 200 rows per key with 50k entities keeps the feature rows at 20M.</summary>
    public static IReadOnlyList<PitMatrixCell> BigOnly { get; } =
    [
        Base with { Name = "entities=2M", Entities = 2_000_000 },
        Base with { Name = "rows/key=200", Entities = 50_000, RowsPerKey = 200 },
        Base with { Name = "spine=5M", SpineRows = 5_000_000 },
    ];

    /// <summary><c>default</c>, <c>big</c> (default + the larger cells) or a comma-separated list of cell names.</summary>
    public static IReadOnlyList<PitMatrixCell> Select(string selection)
    {
        if (selection == "default")
            return Default;
        if (selection == "big")
            return [.. Default, .. BigOnly];
        var all = Default.Concat(BigOnly).ToDictionary(c => c.Name, StringComparer.Ordinal);
        return [.. selection.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(name => all.TryGetValue(name, out var cell)
            ? cell
            : throw new ArgumentException($"--cells: unknown cell '{name}' (default, big, or names from: {string.Join(", ", all.Keys)})"))];
    }
}
