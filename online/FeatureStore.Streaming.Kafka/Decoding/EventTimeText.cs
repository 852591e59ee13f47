using System.Globalization;

namespace FeatureStore.Streaming.Kafka.Decoding;

/// <summary>Event times as messages carry them: RFC 3339 text (no offset is read as UTC) or epoch milliseconds.</summary>
internal static class EventTimeText
{
    private static readonly long MinMillis = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();
    private static readonly long MaxMillis = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromRfc3339(string field, string text)
    {
        var trimmed = text.Trim();
        // A date first (yyyy-MM-dd...), so bare numbers or words are not taken for dates by the lenient parser.
        if (trimmed.Length >= 10 && trimmed[4] == '-' && trimmed[7] == '-'
            && DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
        {
            return instant;
        }

        throw new DecoderException($"event time field {field}: \"{Shorten(text)}\" is not an RFC 3339 timestamp (like 2026-11-05T10:00:00Z) or epoch milliseconds");
    }

    public static DateTimeOffset FromEpochMillis(string field, double millis)
    {
        if (!double.IsFinite(millis) || millis < MinMillis || millis > MaxMillis)
        {
            throw new DecoderException($"event time field {field}: {millis.ToString("R", CultureInfo.InvariantCulture)} is out of range for epoch milliseconds");
        }

        return DateTimeOffset.UnixEpoch.AddTicks((long)Math.Round(millis * TimeSpan.TicksPerMillisecond));
    }

    public static DateTimeOffset FromEpochMillis(string field, long millis) =>
        millis < MinMillis || millis > MaxMillis
            ? throw new DecoderException($"event time field {field}: {millis.ToString(CultureInfo.InvariantCulture)} is out of range for epoch milliseconds")
            : DateTimeOffset.FromUnixTimeMilliseconds(millis);

    private static string Shorten(string text) => text.Length > 60 ? text[..60] + "..." : text;
}
