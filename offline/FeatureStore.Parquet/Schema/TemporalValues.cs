namespace FeatureStore.Parquet;

/// <summary>Conversions between stored time values (in a <see cref="TimeUnit"/>) and .NET types.</summary>
public static class TemporalValues
{
    /// <summary>Ticks (100 ns) per unit; nanoseconds are below one tick and are truncated.</summary>
    public static long TicksPer(TimeUnit unit) => unit switch
    {
        TimeUnit.Millis => TimeSpan.TicksPerMillisecond,
        TimeUnit.Micros => TimeSpan.TicksPerMicrosecond,
        _ => 0,
    };

    /// <summary>A Timestamp value as a UTC DateTime (nanoseconds truncated to ticks).</summary>
    public static DateTime ToDateTime(long value, TimeUnit unit)
    {
        var ticks = unit == TimeUnit.Nanos ? value / 100 : checked(value * TicksPer(unit));
        return new DateTime(checked(DateTime.UnixEpoch.Ticks + ticks), DateTimeKind.Utc);
    }

    /// <summary>A DateTime (UTC or unspecified, read as UTC) as a Timestamp value in the given unit.</summary>
    public static long FromDateTime(DateTime value, TimeUnit unit)
    {
        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
        var ticks = utc.Ticks - DateTime.UnixEpoch.Ticks;
        return unit == TimeUnit.Nanos ? checked(ticks * 100) : ticks / TicksPer(unit);
    }

    public static TimeSpan ToTimeSpan(long value, TimeUnit unit) =>
        new(unit == TimeUnit.Nanos ? value / 100 : checked(value * TicksPer(unit)));

    /// <summary>A Date value (days since 1970-01-01) as a DateOnly.</summary>
    public static DateOnly ToDateOnly(int days) => DateOnly.FromDayNumber(checked(EpochDayNumber + days));

    public static int FromDateOnly(DateOnly date) => date.DayNumber - EpochDayNumber;

    private static int EpochDayNumber { get; } = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;
}
