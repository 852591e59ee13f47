using System.Globalization;
using FeatureStore.Parquet;

namespace FeatureStore.Cli.Commands;

/// <summary>
/// Dates and UTC timestamps as text for any stored value, computed from the raw days or ticks of the unit (no DateTime, whose
/// years stop at 1..9999). Years follow DuckDB: at least four digits, all of them past 9999 (<c>294247-01-10</c>), and
/// years before 1 counted as BC with a " (BC)" marker (the day before 0001-01-01 is <c>0001-12-31 (BC)</c>).
/// </summary>
internal static class ParquetDateText
{
    private const long SecondsPerDay = 86_400;

    /// <summary>A Date value (days since 1970-01-01), e.g. <c>2024-01-02</c>.</summary>
    public static string Date(long days)
    {
        var (date, bc) = CivilDate(days);
        return bc ? date + " (BC)" : date;
    }

    /// <summary>A Timestamp value, e.g. <c>2024-01-02T03:04:05.123456Z</c>, with 3, 6 or 9 fraction digits for millis, micros, nanos.</summary>
    public static string Timestamp(long value, TimeUnit unit)
    {
        var (perSecond, digits) = unit switch
        {
            TimeUnit.Millis => (1_000L, 3),
            TimeUnit.Micros => (1_000_000L, 6),
            _ => (1_000_000_000L, 9),
        };
        var seconds = FloorDivide(value, perSecond, out var fraction);
        var days = FloorDivide(seconds, SecondsPerDay, out var secondOfDay);
        var (date, bc) = CivilDate(days);
        var time = string.Create(
            CultureInfo.InvariantCulture,
            $"{secondOfDay / 3600:00}:{secondOfDay / 60 % 60:00}:{secondOfDay % 60:00}.{fraction.ToString(new string('0', digits), CultureInfo.InvariantCulture)}Z");
        return bc ? $"{date}T{time} (BC)" : $"{date}T{time}";
    }

    /// <summary>The proleptic Gregorian date of a day number (H. Hinnant's civil_from_days), as year-month-day text.</summary>
    private static (string Text, bool BeforeChrist) CivilDate(long days)
    {
        var z = days + 719_468;
        var era = (z >= 0 ? z : z - 146_096) / 146_097;
        var dayOfEra = z - (era * 146_097);
        var yearOfEra = (dayOfEra - (dayOfEra / 1460) + (dayOfEra / 36_524) - (dayOfEra / 146_096)) / 365;
        var dayOfYear = dayOfEra - ((365 * yearOfEra) + (yearOfEra / 4) - (yearOfEra / 100));
        var monthFromMarch = ((5 * dayOfYear) + 2) / 153;
        var day = dayOfYear - (((153 * monthFromMarch) + 2) / 5) + 1;
        var month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
        var year = yearOfEra + (era * 400) + (month <= 2 ? 1 : 0);
        var bc = year < 1;
        var shownYear = bc ? 1 - year : year;
        return (string.Create(CultureInfo.InvariantCulture, $"{shownYear:0000}-{month:00}-{day:00}"), bc);
    }

    private static long FloorDivide(long value, long divisor, out long remainder)
    {
        var quotient = Math.DivRem(value, divisor, out remainder);
        if (remainder < 0)
        {
            remainder += divisor;
            quotient--;
        }

        return quotient;
    }
}
