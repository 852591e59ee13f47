using System.Globalization;
using FeatureStore.Registry.Model;

namespace FeatureStore.Registry.Planning;

/// <summary>How field values read in plans and summaries: the spellings users write in definitions.</summary>
internal static class ValueText
{
    public static string? Duration(TimeSpan? value)
    {
        if (value is not { } span)
            return null;
        var seconds = (long)span.TotalSeconds;
        return seconds switch
        {
            0 => "0s",
            _ when seconds % 86400 == 0 => Invariant($"{seconds / 86400}d"),
            _ when seconds % 3600 == 0 => Invariant($"{seconds / 3600}h"),
            _ when seconds % 60 == 0 => Invariant($"{seconds / 60}m"),
            _ => Invariant($"{seconds}s"),
        };
    }

    public static string List(IEnumerable<string> items) => "[" + string.Join(", ", items) + "]";

    public static string JoinKeys(IReadOnlyList<JoinKey> keys) => List(keys.Select(k => $"{k.Name}:{k.Type.Name()}"));

    public static string Bool(bool value) => value ? "true" : "false";

    public static string Pii(PiiClass pii) => pii.ToString().ToLowerInvariant();

    /// <summary>A quality block as its canonical JSON (null when the view has none).</summary>
    public static string? Quality(QualityDefinition? quality) => quality is null ? null : RegistryJson.Serialize(quality);

    public static string? Kind(StreamKind? kind) => kind?.ToString().ToLowerInvariant();

    public static string? Format(StreamMessageFormat? format) => format?.ToString().ToLowerInvariant();

    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
