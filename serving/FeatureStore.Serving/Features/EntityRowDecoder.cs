using FeatureStore.Online;
using FeatureStore.Registry.Model;
using FeatureStore.Serving.Snapshot;
using FeatureStore.Serving.V1;
using Google.Protobuf.Collections;

namespace FeatureStore.Serving.Features;

/// <summary>
/// Turns the request's entity columns into one entity key per row for each key group of a plan, checking every
/// column against the plan: unknown column, mismatched lengths, missing join key, wrong value type → INVALID_ARGUMENT.
/// </summary>
internal static class EntityRowDecoder
{
    /// <returns>Per key group of the plan, one key per entity row; and the row count.</returns>
    public static (EntityKey[][] KeysByGroup, int RowCount) Decode(ReadPlan plan, MapField<string, RepeatedValue> columns)
    {
        if (columns.Count == 0)
        {
            throw new FeatureRequestException(FeatureRequestError.InvalidArgument, $"entities is empty; send one column per join key ({Expected(plan)})");
        }

        var rowCount = -1;
        string? firstColumn = null;
        foreach (var column in columns)
        {
            if (!plan.Columns.ContainsKey(column.Key))
            {
                throw new FeatureRequestException(
                    FeatureRequestError.InvalidArgument,
                    $"entity column '{column.Key}' is not a join key of the requested features (expected: {Expected(plan)})");
            }

            var length = column.Value?.Val.Count ?? 0;
            if (rowCount < 0)
            {
                rowCount = length;
                firstColumn = column.Key;
            }
            else if (length != rowCount)
            {
                throw new FeatureRequestException(
                    FeatureRequestError.InvalidArgument,
                    $"entity columns have different lengths: '{firstColumn}' has {rowCount} values, '{column.Key}' has {length}");
            }
        }

        var keysByGroup = new EntityKey[plan.KeyGroups.Count][];
        for (var g = 0; g < keysByGroup.Length; g++)
        {
            keysByGroup[g] = DecodeGroup(plan.KeyGroups[g], columns, rowCount);
        }

        return (keysByGroup, rowCount);
    }

    private static EntityKey[] DecodeGroup(KeyGroup group, MapField<string, RepeatedValue> columns, int rowCount)
    {
        var values = new RepeatedField<Value>[group.Columns.Length];
        for (var c = 0; c < values.Length; c++)
        {
            if (!columns.TryGetValue(group.Columns[c], out var column))
            {
                throw new FeatureRequestException(
                    FeatureRequestError.InvalidArgument,
                    $"entity column '{group.Columns[c]}' is missing; the requested features are keyed by {string.Join(", ", group.Columns)}");
            }

            values[c] = column.Val;
        }

        var keys = new EntityKey[rowCount];
        for (var row = 0; row < rowCount; row++)
        {
            var parts = new FeatureValue[values.Length];
            for (var c = 0; c < parts.Length; c++)
            {
                parts[c] = ToKeyPart(values[c][row], group.Types[c], group.Columns[c], row);
            }

            keys[row] = EntityKey.Of(parts);
        }

        return keys;
    }

    private static FeatureValue ToKeyPart(Value value, FeatureType type, string column, int row)
    {
        switch (type)
        {
            case FeatureType.Int64 when value.ValCase == Value.ValOneofCase.Int64Val:
                return FeatureValue.FromInt64(value.Int64Val);
            case FeatureType.Int64 when value.ValCase == Value.ValOneofCase.Int32Val:
                return FeatureValue.FromInt64(value.Int32Val);
            case FeatureType.Int32 when value.ValCase == Value.ValOneofCase.Int32Val:
                return FeatureValue.FromInt32(value.Int32Val);
            case FeatureType.Int32 when value.ValCase == Value.ValOneofCase.Int64Val && value.Int64Val is >= int.MinValue and <= int.MaxValue:
                return FeatureValue.FromInt32((int)value.Int64Val);
            case FeatureType.String when value.ValCase == Value.ValOneofCase.StringVal:
                return FeatureValue.FromString(value.StringVal);
            case FeatureType.Bytes when value.ValCase == Value.ValOneofCase.BytesVal:
                return FeatureValue.FromBytes(value.BytesVal.ToByteArray());
            default:
                throw new FeatureRequestException(
                    FeatureRequestError.InvalidArgument,
                    $"entity column '{column}' row {row}: expected {type.Name()}, got {Describe(value)}");
        }
    }

    private static string Describe(Value value) => value.ValCase switch
    {
        Value.ValOneofCase.None => "null (no value set)",
        Value.ValOneofCase.Int64Val => $"int64 {value.Int64Val}",
        _ => value.ValCase.ToString().Replace("Val", "", StringComparison.Ordinal).ToLowerInvariant(),
    };

    private static string Expected(ReadPlan plan) => string.Join(", ", plan.Columns.Select(c => $"{c.Key}:{c.Value.Name()}"));
}
