using FeatureStore.Parquet;

namespace FeatureStore.Offline;

/// <summary>The engine's one time representation: microseconds since the Unix epoch, UTC (naive inputs are read as UTC).</summary>
public static class Micros
{
    public static long FromUnit(long value, TimeUnit unit) => unit switch
    {
        TimeUnit.Millis => value * 1000,
        TimeUnit.Micros => value,
        _ => Math.DivRem(value, 1000) is var (q, r) && r < 0 ? q - 1 : q,
    };

    public static long FromDateTime(DateTime value) => (value.Ticks - DateTime.UnixEpoch.Ticks) / 10;

    public static long FromDateTimeOffset(DateTimeOffset value) => (value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public static DateTimeOffset ToDateTimeOffset(long micros) => DateTimeOffset.UnixEpoch.AddTicks(micros * 10);

    /// <summary>UTC day number (days since 1970-01-01) of an instant.</summary>
    public static long Day(long micros) => Math.DivRem(micros, 86_400_000_000L) is var (q, r) && r < 0 ? q - 1 : q;

    /// <summary>
    /// Epoch numbers of unknown unit, judged by magnitude: below 1e11 seconds, below 1e14 milliseconds,
    /// below 1e17 microseconds, else nanoseconds (this covers 1973..5138 for each unit).
    /// </summary>
    public static long FromEpochNumber(double value)
    {
        var magnitude = Math.Abs(value);
        return magnitude switch
        {
            < 1e11 => (long)Math.Round(value * 1_000_000),
            < 1e14 => (long)Math.Round(value * 1000),
            < 1e17 => (long)Math.Round(value),
            _ => (long)Math.Floor(value / 1000),
        };
    }
}
