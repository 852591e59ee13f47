using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;

namespace FeatureStore.Parquet.Tests.Interop;

/// <summary>
/// The canonical value form of tests/interop/lib/canonical.mjs, produced from C# columns, and a normalised text of
/// either side for comparison (JSON numbers are compared as doubles).
/// </summary>
internal static class CanonicalJson
{
    public static JsonNode? Value(Column column, ParquetType type, int row)
    {
        if (column.IsNull(row))
        {
            return null;
        }

        return type.Kind switch
        {
            ParquetTypeKind.Boolean => ((BooleanColumn)column).Values[row],
            ParquetTypeKind.Int8 or ParquetTypeKind.Int16 or ParquetTypeKind.Int32 or ParquetTypeKind.UInt8 or ParquetTypeKind.UInt16 =>
                Text(((Int32Column)column).Values[row]),
            ParquetTypeKind.UInt32 => Text((uint)((Int32Column)column).Values[row]),
            ParquetTypeKind.Int64 => Text(((Int64Column)column).Values[row]),
            ParquetTypeKind.UInt64 => Text((ulong)((Int64Column)column).Values[row]),
            ParquetTypeKind.Float => Number(((FloatColumn)column).Values[row]),
            ParquetTypeKind.Double => Number(((DoubleColumn)column).Values[row]),
            ParquetTypeKind.String or ParquetTypeKind.Enum => ((BinaryColumn)column).GetString(row),
            ParquetTypeKind.Binary or ParquetTypeKind.FixedLenBinary => Convert.ToHexStringLower(((BinaryColumn)column).GetBytes(row)),
            ParquetTypeKind.Date => DateOnly.FromDayNumber(DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber + ((Int32Column)column).Values[row])
                .ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ParquetTypeKind.Time => TimeOfDay(column, type, row),
            ParquetTypeKind.Timestamp => Timestamp((BigInteger)((Int64Column)column).Values[row] * NanosPerUnit(type.Unit)),
            ParquetTypeKind.Decimal => Decimal((DecimalColumn)column, type, row),
            ParquetTypeKind.List => List((ListColumn)column, type, row),
            _ => throw new InvalidOperationException($"no canonical form for {type}"),
        };
    }

    /// <summary>Comparable text: numbers as round-trip doubles, everything else as compact JSON.</summary>
    public static string Normalize(JsonNode? node) => node switch
    {
        null => "null",
        JsonArray array => "[" + string.Join(",", array.Select(Normalize)) + "]",
        JsonValue value when value.TryGetValue<double>(out var number) => number.ToString("R", CultureInfo.InvariantCulture),
        _ => node.ToJsonString(),
    };

    private static JsonNode Text<T>(T value)
        where T : IFormattable => JsonValue.Create(value.ToString(null, CultureInfo.InvariantCulture));

    private static JsonNode Number(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value) || (value == 0 && double.IsNegative(value)))
        {
            return JsonValue.Create(value.ToString(CultureInfo.InvariantCulture).Replace("∞", "Infinity", StringComparison.Ordinal));
        }

        return JsonValue.Create(value);
    }

    /// <summary>
    /// Exact text at the column's scale: GetString from the unscaled integers when the column has them (DECIMAL(38) past
    /// System.Decimal's range), otherwise System.Decimal padded to the scale (columns built in C# from decimal[]).
    /// </summary>
    private static string Decimal(DecimalColumn column, ParquetType type, int row) => column.Unscaled is null
        ? column.Values[row].ToString("F" + type.Scale.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
        : column.GetString(row)!;

    private static long NanosPerUnit(TimeUnit unit) => unit switch
    {
        TimeUnit.Millis => 1_000_000,
        TimeUnit.Micros => 1_000,
        _ => 1,
    };

    private static string TimeOfDay(Column column, ParquetType type, int row)
    {
        long nanos = column is Int32Column ints ? ints.Values[row] * NanosPerUnit(type.Unit) : ((Int64Column)column).Values[row] * NanosPerUnit(type.Unit);
        var seconds = nanos / 1_000_000_000;
        return FormattableString.Invariant($"{seconds / 3600:00}:{seconds / 60 % 60:00}:{seconds % 60:00}.{nanos % 1_000_000_000:000000000}");
    }

    private static string Timestamp(BigInteger nanos)
    {
        var seconds = BigInteger.DivRem(nanos, 1_000_000_000, out var fraction);
        if (fraction < 0)
        {
            fraction += 1_000_000_000;
            seconds -= 1;
        }

        var instant = DateTime.UnixEpoch.AddSeconds((double)seconds);
        return instant.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + "." + ((long)fraction).ToString("000000000", CultureInfo.InvariantCulture) + "Z";
    }

    private static JsonArray List(ListColumn column, ParquetType type, int row)
    {
        var items = new JsonArray();
        for (var i = column.Offsets[row]; i < column.Offsets[row + 1]; i++)
        {
            items.Add(Value(column.Values, type.Element!, i));
        }

        return items;
    }
}
