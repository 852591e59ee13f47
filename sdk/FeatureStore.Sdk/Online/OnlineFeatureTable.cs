using System.Diagnostics.CodeAnalysis;
using FeatureStore.Offline;
using FeatureStore.Online;
using FeatureStore.Sdk.Rows;

namespace FeatureStore.Sdk.Online;

/// <summary>
/// Online values read straight from the online store, one row per entity row of the query. Each value has a status,
/// the same words as training sets and the feature server: PRESENT, MISSING (nothing stored), OUTSIDE_TTL (stored but
/// older than the view's TTL at <see cref="ReadAt"/>: value withheld, event time kept) or NULL_VALUE (a stored null).
/// Typed getters throw for a cell without value; check <see cref="GetStatus"/> (or <see cref="IsNull"/>) first.
/// </summary>
public sealed class OnlineFeatureTable : ICellTable
{
    private const string StatusSuffix = "__status";
    private readonly FeatureValue[][] values;
    private readonly FeatureStatus[][] statuses;
    private readonly DateTimeOffset?[][] eventTimes;
    private readonly IReadOnlyList<(string Column, object[] Values)> entities;
    private readonly Dictionary<string, int> featureIndex;
    private readonly string[] cellColumns;

    internal OnlineFeatureTable(IReadOnlyList<string> featureNames, FeatureValue[][] values, FeatureStatus[][] statuses, DateTimeOffset?[][] eventTimes,
        IReadOnlyList<(string Column, object[] Values)> entities, int rowCount, DateTimeOffset readAt)
    {
        FeatureNames = featureNames;
        this.values = values;
        this.statuses = statuses;
        this.eventTimes = eventTimes;
        this.entities = entities;
        RowCount = rowCount;
        ReadAt = readAt;
        featureIndex = featureNames.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i, StringComparer.Ordinal);
        cellColumns = [.. entities.Select(e => e.Column), .. featureNames, .. featureNames.Select(f => f + StatusSuffix)];
    }

    /// <summary>Output names in query order: <c>feature</c>, or <c>view__feature</c> with full feature names.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    public int RowCount { get; }

    /// <summary>The time TTLs were judged at (the session's clock when the read started).</summary>
    public DateTimeOffset ReadAt { get; }

    public FeatureStatus GetStatus(int row, string feature) => statuses[Feature(feature)][Row(row)];

    /// <summary>The value; <see cref="FeatureValue.Null"/> unless the status is PRESENT.</summary>
    public FeatureValue GetValue(int row, string feature) => values[Feature(feature)][Row(row)];

    /// <summary>The stored row's event time; null when MISSING.</summary>
    public DateTimeOffset? GetEventTimestamp(int row, string feature) => eventTimes[Feature(feature)][Row(row)];

    /// <summary>How old the value was at <see cref="ReadAt"/>; null when MISSING.</summary>
    public TimeSpan? GetAge(int row, string feature) => ReadAt - GetEventTimestamp(row, feature);

    /// <summary>True unless the status is PRESENT.</summary>
    public bool IsNull(int row, string feature) => GetValue(row, feature).IsNull;

    public string? GetString(int row, string feature) => CellConversion.Get<string?>(this, Row(row), CellIndex(feature), feature);

    public long GetInt64(int row, string feature) => CellConversion.Get<long>(this, Row(row), CellIndex(feature), feature);

    public double GetDouble(int row, string feature) => CellConversion.Get<double>(this, Row(row), CellIndex(feature), feature);

    public bool GetBoolean(int row, string feature) => CellConversion.Get<bool>(this, Row(row), CellIndex(feature), feature);

    public DateTimeOffset GetDateTimeOffset(int row, string feature) => CellConversion.Get<DateTimeOffset>(this, Row(row), CellIndex(feature), feature);

    /// <summary>
    /// Every row as a <typeparamref name="T"/>, matched by name ignoring case and underscores: the query's join-key
    /// columns, the features, and <c>&lt;feature&gt;__status</c> for <see cref="FeatureStatus"/> members.
    /// </summary>
    public IReadOnlyList<T> ToRows<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors | DynamicallyAccessedMemberTypes.PublicProperties)] T>() =>
        RowMapper.Map<T>(this);

    IReadOnlyList<string> ICellTable.CellColumns => cellColumns;

    object? ICellTable.Cell(int row, int column)
    {
        if (column < entities.Count)
        {
            return entities[column].Values[row];
        }

        column -= entities.Count;
        return column < FeatureNames.Count ? Plain(values[column][row]) : statuses[column - FeatureNames.Count][row];
    }

    string? ICellTable.WhyNull(int row, int column)
    {
        var feature = column - entities.Count;
        return feature >= 0 && feature < FeatureNames.Count ? $"status {statuses[feature][row].Name()}" : null;
    }

    private static object? Plain(FeatureValue value) => value.Kind switch
    {
        FeatureValueKind.Null => null,
        FeatureValueKind.Int32 => value.AsInt32(),
        FeatureValueKind.Int64 => value.AsInt64(),
        FeatureValueKind.Float32 => value.AsFloat32(),
        FeatureValueKind.Float64 => value.AsFloat64(),
        FeatureValueKind.Bool => value.AsBool(),
        FeatureValueKind.String => value.AsString(),
        FeatureValueKind.Bytes => value.AsBytes().ToArray(),
        FeatureValueKind.Timestamp => value.AsTimestamp(),
        FeatureValueKind.Float32List => value.AsFloat32List().ToArray(),
        FeatureValueKind.Float64List => value.AsFloat64List().ToArray(),
        _ => value.ToString(),
    };

    private int Feature(string feature)
    {
        ArgumentNullException.ThrowIfNull(feature);
        return featureIndex.TryGetValue(feature, out var index)
            ? index
            : throw new KeyNotFoundException($"feature '{feature}' is not in the result (features: {string.Join(", ", FeatureNames)})");
    }

    private int CellIndex(string feature) => entities.Count + Feature(feature);

    private int Row(int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, RowCount);
        return row;
    }
}
