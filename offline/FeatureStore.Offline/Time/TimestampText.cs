using System.Globalization;

namespace FeatureStore.Offline;

/// <summary>Parses timestamp text: ISO-8601 with or without an offset (naive = UTC), a date, or an epoch number.</summary>
internal static class TimestampText
{
    public static bool TryParse(ReadOnlySpan<char> text, out long micros)
    {
        text = text.Trim();
        micros = 0;
        if (text.IsEmpty)
        {
            return false;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && !text.Contains('-'))
        {
            micros = Micros.FromEpochNumber(number);
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            micros = Micros.FromDateTimeOffset(value);
            return true;
        }

        return false;
    }
}
