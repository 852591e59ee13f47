namespace FeatureStore.Serving.Metrics;

/// <summary>The status of one served feature value, as counted in metrics (same meaning as the wire FieldStatus).</summary>
public enum ServedStatus
{
    Present,
    NullValue,
    NotFound,
    OutsideMaxAge,
}

public static class ServedStatuses
{
    public const int Count = 4;

    public static string Label(this ServedStatus status) => status switch
    {
        ServedStatus.Present => "PRESENT",
        ServedStatus.NullValue => "NULL_VALUE",
        ServedStatus.NotFound => "NOT_FOUND",
        _ => "OUTSIDE_MAX_AGE",
    };
}
