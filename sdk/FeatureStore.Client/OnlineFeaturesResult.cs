using FeatureStore.Client.Reply;
using FeatureStore.Serving.V1;

namespace FeatureStore.Client;

/// <summary>
/// The reply of GetOnlineFeatures, typed: <c>result[row, "feature"]</c>, or <see cref="TryGetDouble"/> /
/// <see cref="TryGetInt64"/> without boxing. Held as flat arrays of cells (no message object per value); the
/// raw message is what <see cref="FeatureServingClient.GetOnlineFeaturesAsync(GetOnlineFeaturesRequest, TimeSpan?, CancellationToken)"/> returns.
/// </summary>
public sealed class OnlineFeaturesResult
{
    private readonly List<FeatureColumn> columns;
    private readonly FeatureNameTable names;

    internal OnlineFeaturesResult(FeatureNameTable names, List<FeatureColumn> columns, int rowCount, DateTimeOffset receivedAt)
    {
        this.columns = columns;
        this.names = names;
        RowCount = rowCount;
        ReceivedAt = receivedAt;
    }

    public DateTimeOffset ReceivedAt { get; }

    public IReadOnlyList<string> FeatureNames => names.Names;

    public int RowCount { get; }

    public OnlineFeatureValue this[int row, string feature] => this[row, IndexOf(feature)];

    public OnlineFeatureValue this[int row, int feature]
    {
        get
        {
            var column = Column(row, feature);
            var status = column.Status(row);
            var timestamp = column.EventTime(row);
            var value = status == FieldStatus.Present ? column.Value(row) : null;
            return new OnlineFeatureValue(value, status, timestamp, timestamp is { } t ? ReceivedAt - t : null);
        }
    }

    /// <summary>The feature's position in <see cref="FeatureNames"/>, for the int indexer and the typed getters.</summary>
    public int IndexOf(string feature) =>
        names.TryGetIndex(feature, out var index)
            ? index
            : throw new KeyNotFoundException($"feature '{feature}' is not in the result (features: {string.Join(", ", FeatureNames)})");

    public FieldStatus StatusOf(int row, int feature) => Column(row, feature).Status(row);

    /// <summary>A PRESENT double value without boxing; false for any other status or type.</summary>
    public bool TryGetDouble(int row, int feature, out double value)
    {
        var column = Column(row, feature);
        value = 0;
        return column.Status(row) == FieldStatus.Present && column.TryGetDouble(row, out value);
    }

    /// <summary>A PRESENT int64 (or int32) value without boxing; false for any other status or type.</summary>
    public bool TryGetInt64(int row, int feature, out long value)
    {
        var column = Column(row, feature);
        value = 0;
        return column.Status(row) == FieldStatus.Present && column.TryGetInt64(row, out value);
    }

    private FeatureColumn Column(int row, int feature)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, RowCount);
        ArgumentOutOfRangeException.ThrowIfNegative(feature);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(feature, columns.Count);
        return columns[feature];
    }
}
