namespace FeatureStore.Streaming.Push;

/// <summary>Words bad pushed rows the same way everywhere: the first three, then "and N more".</summary>
public static class PushErrorText
{
    public const int RowsNamed = 3;

    /// <summary>
    /// "push to feature view 'v' refused, nothing written: row 0: view v: field f: ...; row 4: ... and 2 more rows";
    /// <paramref name="where"/> names a row (default "row N").
    /// </summary>
    public static string Describe(string view, IReadOnlyList<PushRowError> rows, Func<int, string>? where = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        where ??= static row => $"row {row}";
        var named = string.Join("; ", rows.Take(RowsNamed).Select(r => $"{where(r.Row)}: {r.Reason}"));
        var more = rows.Count > RowsNamed ? $" and {rows.Count - RowsNamed} more bad row{(rows.Count - RowsNamed == 1 ? "" : "s")}" : "";
        return $"push to feature view '{view}' refused, nothing written ({rows.Count} of the rows are bad): {named}{more}";
    }
}
