namespace FeatureStore.Serving.Metrics;

/// <summary>The status of one served feature value, as counted in metrics (same members and words as the wire FieldStatus).</summary>
public enum ServedStatus
{
    Present,
    NullValue,
    Missing,
    OutsideTtl,
}

public static class ServedStatuses
{
    public const int Count = 4;

    /// <summary>The <c>status</c> label value: PRESENT, NULL_VALUE, MISSING or OUTSIDE_TTL (the words of manifests and the proto).</summary>
    public static string Label(this ServedStatus status) => status switch
    {
        ServedStatus.Present => "PRESENT",
        ServedStatus.NullValue => "NULL_VALUE",
        ServedStatus.Missing => "MISSING",
        _ => "OUTSIDE_TTL",
    };
}
