using FeatureStore.Serving.V1;

namespace FeatureStore.Serving.Push;

/// <summary>Turns a pushed row's wire values into the CLR values the ingestion path converts by column type.</summary>
internal static class PushValues
{
    public static Dictionary<string, object?> ToColumns(PushRow row)
    {
        var columns = new Dictionary<string, object?>(row.Columns.Count, StringComparer.Ordinal);
        foreach (var (name, value) in row.Columns)
            columns[name] = ToObject(value);
        return columns;
    }

    private static object? ToObject(Value? value) => value?.ValCase switch
    {
        null or Value.ValOneofCase.None => null,
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
        _ => throw new ArgumentOutOfRangeException(nameof(value), value.ValCase, "unknown Value kind"),
    };
}
