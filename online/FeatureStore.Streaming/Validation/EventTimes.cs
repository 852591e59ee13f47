using System.Globalization;

namespace FeatureStore.Streaming.Validation;

/// <summary>
/// Event times of decoded records: a <see cref="DateTimeOffset"/>, a <see cref="DateTime"/> (UTC; unspecified is read as
/// UTC), RFC 3339 text (no offset is read as UTC), or an integer = epoch milliseconds. Results are UTC instants cut to
/// whole microseconds, the precision of the appended Parquet files, so online and offline hold the same instant.
/// </summary>
internal static class EventTimes
{
    public const string Accepted = "a timestamp (RFC 3339 text, epoch milliseconds or a date-time)";

    public static bool TryConvert(object? value, out DateTimeOffset result)
    {
        DateTimeOffset instant;
        switch (value)
        {
            case DateTimeOffset offset:
                instant = offset;
                break;
            case DateTime dateTime:
                instant = dateTime.Kind == DateTimeKind.Local
                    ? new DateTimeOffset(dateTime.ToUniversalTime(), TimeSpan.Zero)
                    : new DateTimeOffset(DateTime.SpecifyKind(dateTime, DateTimeKind.Utc), TimeSpan.Zero);
                break;
            case long millis when millis is >= -62135596800000L and <= 253402300799999L:
                instant = DateTimeOffset.FromUnixTimeMilliseconds(millis);
                break;
            case int millis:
                instant = DateTimeOffset.FromUnixTimeMilliseconds(millis);
                break;
            case string text when DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed):
                instant = parsed;
                break;
            default:
                result = default;
                return false;
        }

        var ticks = instant.UtcTicks;
        result = new DateTimeOffset(ticks - (ticks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);
        return true;
    }
}
