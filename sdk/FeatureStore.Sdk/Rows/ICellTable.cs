namespace FeatureStore.Sdk.Rows;

/// <summary>
/// A result table as <see cref="RowMapper"/> and the typed getters see it: named columns whose cells are null or one of
/// long, int, double, float, decimal, bool, string, byte[], DateTimeOffset, float[], double[], FeatureStatus.
/// </summary>
internal interface ICellTable
{
    int RowCount { get; }

    IReadOnlyList<string> CellColumns { get; }

    object? Cell(int row, int column);

    /// <summary>Why a cell is null, for errors ("status MISSING"), or null when there is nothing to add.</summary>
    string? WhyNull(int row, int column);
}
