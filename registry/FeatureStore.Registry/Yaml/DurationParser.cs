using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace FeatureStore.Registry.Yaml;

/// <summary>
/// Durations as written in definitions: the short form (90s, 15m, 2h, 2d, 1w and combinations such as 1d12h,
/// units in decreasing order, each at most once) or an ISO-8601 duration (P2D, PT12H, P1DT30M, P1W).
/// Years and months are refused: their length varies.
/// </summary>
public static partial class DurationParser
{
    public const string Help = "use 90s, 15m, 2h, 2d, 1w, a combination like 1d12h, or an ISO-8601 duration like P2D or PT12H";

    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        var match = ShortForm().Match(trimmed);
        if (!match.Success)
        {
            match = IsoForm().Match(trimmed);
        }

        if (!match.Success || match.Groups.Values.Skip(1).All(g => !g.Success))
        {
            return false;
        }

        decimal seconds = 0;
        foreach (var (group, unitSeconds) in Units)
        {
            if (match.Groups[group] is { Success: true } part)
            {
                if (!decimal.TryParse(part.Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
                    || amount > MaxSeconds)
                {
                    return false;
                }

                seconds += amount * unitSeconds;
                if (seconds > MaxSeconds)
                {
                    return false;
                }
            }
        }

        value = TimeSpan.FromTicks((long)(seconds * TimeSpan.TicksPerSecond));
        return true;
    }

    /// <summary>The short form, largest units first: "2d", "1d12h", "1m30s"; whole seconds ("0s" for zero, sub-second parts are dropped).</summary>
    public static string Format(TimeSpan value)
    {
        var builder = new StringBuilder();
        if (value < TimeSpan.Zero)
        {
            builder.Append('-');
            value = value == TimeSpan.MinValue ? TimeSpan.MaxValue : value.Negate();
        }

        var remaining = (long)value.TotalSeconds;
        if (remaining == 0)
        {
            return builder.Append("0s").ToString();
        }

        foreach (var (unit, unitSeconds) in FormatUnits)
        {
            if (remaining >= unitSeconds)
            {
                builder.Append(CultureInfo.InvariantCulture, $"{remaining / unitSeconds}{unit}");
                remaining %= unitSeconds;
            }
        }

        return builder.ToString();
    }

    private static readonly decimal MaxSeconds = (decimal)TimeSpan.MaxValue.TotalSeconds - 1;

    private static readonly (string Group, long Seconds)[] Units =
        [("w", 7 * 86400), ("d", 86400), ("h", 3600), ("m", 60), ("s", 1)];

    private static readonly (string Unit, long Seconds)[] FormatUnits =
        [("d", 86400), ("h", 3600), ("m", 60), ("s", 1)];

    [GeneratedRegex(@"^(?:(?<w>\d+)w)?(?:(?<d>\d+)d)?(?:(?<h>\d+)h)?(?:(?<m>\d+)m)?(?:(?<s>\d+)s)?$", RegexOptions.CultureInvariant)]
    private static partial Regex ShortForm();

    [GeneratedRegex(@"^P(?:(?<w>\d+)W)?(?:(?<d>\d+)D)?(?:T(?=\d)(?:(?<h>\d+)H)?(?:(?<m>\d+)M)?(?:(?<s>\d+(?:\.\d+)?)S)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoForm();
}
