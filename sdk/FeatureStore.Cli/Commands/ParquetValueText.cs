using System.Globalization;
using FeatureStore.Parquet;

namespace FeatureStore.Cli.Commands;

/// <summary>
/// Display text of one value: integers (unsigned ones unsigned), round-trip floats, ISO-8601 dates, times and UTC timestamps
/// with the unit's fraction digits (of any year: <see cref="ParquetDateText"/>), decimals with their scale, binary as
/// lowercase hex, lists as [a, b]. Null is null.
/// </summary>
internal static class ParquetValueText
{
    public static string? Format(Column column, ParquetType type, int row)
    {
        if (column.IsNull(row))
        {
            return null;
        }

        return type.Kind switch
        {
            ParquetTypeKind.Boolean => ((BooleanColumn)column).Values[row] ? "true" : "false",
            ParquetTypeKind.UInt32 => ((uint)((Int32Column)column).Values[row]).ToString(CultureInfo.InvariantCulture),
            ParquetTypeKind.UInt64 => ((ulong)((Int64Column)column).Values[row]).ToString(CultureInfo.InvariantCulture),
            ParquetTypeKind.Int8 or ParquetTypeKind.Int16 or ParquetTypeKind.Int32 or ParquetTypeKind.UInt8 or ParquetTypeKind.UInt16 =>
                ((Int32Column)column).Values[row].ToString(CultureInfo.InvariantCulture),
            ParquetTypeKind.Int64 => ((Int64Column)column).Values[row].ToString(CultureInfo.InvariantCulture),
            ParquetTypeKind.Float => ((FloatColumn)column).Values[row].ToString("R", CultureInfo.InvariantCulture),
            ParquetTypeKind.Double => ((DoubleColumn)column).Values[row].ToString("R", CultureInfo.InvariantCulture),
            ParquetTypeKind.String or ParquetTypeKind.Enum => ((BinaryColumn)column).GetString(row),
            ParquetTypeKind.Binary or ParquetTypeKind.FixedLenBinary => Convert.ToHexStringLower(((BinaryColumn)column).GetBytes(row)),
            ParquetTypeKind.Date => ParquetDateText.Date(((Int32Column)column).Values[row]),
            ParquetTypeKind.Time => Time(column is Int32Column ints ? ints.Values[row] : ((Int64Column)column).Values[row], type.Unit),
            ParquetTypeKind.Timestamp => ParquetDateText.Timestamp(((Int64Column)column).Values[row], type.Unit),
            ParquetTypeKind.Decimal => Decimal((DecimalColumn)column, type, row),
            ParquetTypeKind.List => List((ListColumn)column, type, row),
            _ => column.GetValue(row)?.ToString(),
        };
    }

    private static string Time(long value, TimeUnit unit)
    {
        var (perSecond, digits) = Scale(unit);
        var seconds = Math.DivRem(value, perSecond, out var fraction);
        return FormattableString.Invariant($"{seconds / 3600:00}:{seconds / 60 % 60:00}:{seconds % 60:00}.") + fraction.ToString(new string('0', digits), CultureInfo.InvariantCulture);
    }

    /// <summary>Exact text: GetString from the unscaled integers (precision above 28), else System.Decimal at the type's scale.</summary>
    private static string Decimal(DecimalColumn column, ParquetType type, int row) => column.Unscaled is null
        ? column.Values[row].ToString("F" + type.Scale.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
        : column.GetString(row)!;

    private static (long PerSecond, int Digits) Scale(TimeUnit unit) => unit switch
    {
        TimeUnit.Millis => (1_000, 3),
        TimeUnit.Micros => (1_000_000, 6),
        _ => (1_000_000_000, 9),
    };

    private static string List(ListColumn column, ParquetType type, int row)
    {
        var items = new List<string>();
        for (var i = column.Offsets[row]; i < column.Offsets[row + 1]; i++)
        {
            items.Add(Format(column.Values, type.Element!, i) ?? "null");
        }

        return "[" + string.Join(", ", items) + "]";
    }
}
