using System.Globalization;

namespace FeatureStore.Registry.Yaml;

/// <summary>
/// Online store timeouts (<c>connect_timeout</c>, <c>operation_timeout</c>): usually sub-second, so "250ms" is accepted
/// besides the definitions' duration forms; more than zero and at most an hour.
/// </summary>
internal static class StoreTimeoutParser
{
    public const string Expected = "a timeout above 0 and at most 1h (e.g. 250ms, 3s, 1m)";

    private static readonly TimeSpan Max = TimeSpan.FromHours(1);

    public static TimeSpan? Parse(string text)
    {
        var trimmed = text.Trim();
        TimeSpan value;
        if (trimmed.EndsWith("ms", StringComparison.Ordinal)
            && int.TryParse(trimmed.AsSpan(0, trimmed.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds))
        {
            value = TimeSpan.FromMilliseconds(milliseconds);
        }
        else if (!DurationParser.TryParse(trimmed, out value))
        {
            return null;
        }

        return value > TimeSpan.Zero && value <= Max ? value : null;
    }
}
