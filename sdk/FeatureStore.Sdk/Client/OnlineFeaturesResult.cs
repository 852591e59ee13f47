using FeatureStore.Serving.V1;

namespace FeatureStore.Sdk.Client;

/// <summary>The reply of GetOnlineFeatures, typed: <c>result[row, "feature"]</c>. <see cref="Response"/> is the raw message.</summary>
public sealed class OnlineFeaturesResult
{
    private readonly Dictionary<string, int> featureIndex;

    public OnlineFeaturesResult(GetOnlineFeaturesResponse response, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(response);
        Response = response;
        ReceivedAt = receivedAt;
        FeatureNames = response.Metadata?.FeatureNames?.Val.ToArray() ?? [];
        featureIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < FeatureNames.Count; i++)
        {
            featureIndex[FeatureNames[i]] = i;
        }

        RowCount = response.Results.Count == 0 ? 0 : response.Results[0].Statuses.Count;
    }

    public GetOnlineFeaturesResponse Response { get; }

    public DateTimeOffset ReceivedAt { get; }

    public IReadOnlyList<string> FeatureNames { get; }

    public int RowCount { get; }

    public OnlineFeatureValue this[int row, string feature] =>
        featureIndex.TryGetValue(feature, out var index)
            ? this[row, index]
            : throw new KeyNotFoundException($"feature '{feature}' is not in the result (features: {string.Join(", ", FeatureNames)})");

    public OnlineFeatureValue this[int row, int feature]
    {
        get
        {
            var vector = Response.Results[feature];
            var status = vector.Statuses[row];
            var timestamp = status == FieldStatus.NotFound || row >= vector.EventTimestamps.Count ? (DateTimeOffset?)null : vector.EventTimestamps[row].ToDateTimeOffset();
            var value = status == FieldStatus.Present ? FromWire(vector.Values[row]) : null;
            return new OnlineFeatureValue(value, status, timestamp, timestamp is { } t ? ReceivedAt - t : null);
        }
    }

    private static object? FromWire(Value value) => value.ValCase switch
    {
        Value.ValOneofCase.Int32Val => value.Int32Val,
        Value.ValOneofCase.Int64Val => value.Int64Val,
        Value.ValOneofCase.FloatVal => value.FloatVal,
        Value.ValOneofCase.DoubleVal => value.DoubleVal,
        Value.ValOneofCase.BoolVal => value.BoolVal,
        Value.ValOneofCase.StringVal => value.StringVal,
        Value.ValOneofCase.BytesVal => value.BytesVal.ToByteArray(),
        Value.ValOneofCase.TimestampVal => value.TimestampVal.ToDateTimeOffset(),
        Value.ValOneofCase.FloatListVal => value.FloatListVal.Val.ToArray(),
        Value.ValOneofCase.DoubleListVal => value.DoubleListVal.Val.ToArray(),
        _ => null,
    };
}
