using FeatureStore.Registry.Storage;

namespace FeatureStore.Registry.Planning;

/// <summary>The short text stored with each change in the history, e.g. "features.conv_rate.type float32 → float64; ttl 1d → 2d".</summary>
public static class ChangeSummary
{
    private const int MaxLength = 1000;

    public static string Of(ObjectPlan change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var text = change.Change switch
        {
            ChangeType.Added => "new",
            ChangeType.Removed => "removed",
            _ => string.Join("; ", change.Fields.Select(f => $"{f.Path} {Show(f.Before)} → {Show(f.After)}")),
        };
        return text.Length <= MaxLength ? text : string.Concat(text.AsSpan(0, MaxLength - 1), "…");
    }

    internal static string Show(string? value) => value ?? "(none)";
}
