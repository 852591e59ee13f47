using System.Globalization;
using FeatureStore.Offline;

namespace FeatureStore.Sdk.Rows;

/// <summary>
/// Converts a cell to the type a caller asks for: the same type, a wider number (int → long, float → double, any
/// integer → floating point), DateTimeOffset → DateTime (UTC), a status → its name, a float list ↔ double list.
/// A conversion that could lose an integer or a null into a non-nullable type is refused, naming row, column and target.
/// </summary>
internal static class CellConversion
{
    public static object? Convert(object? value, Type target, Func<string> where, Func<string?> whyNull)
    {
        var type = Nullable.GetUnderlyingType(target) ?? target;
        if (value is null)
        {
            return !target.IsValueType || type != target
                ? null
                : throw new FeatureStoreException(FeatureStoreErrorCode.InvalidRowType,
                    $"{where()} is null{(whyNull() is { } why ? $" ({why})" : "")}, which {TypeName(target)} cannot hold; use {TypeName(target)}?");
        }

        if (type.IsInstanceOfType(value))
        {
            return value;
        }

        object? converted = (value, type) switch
        {
            (int i, _) when type == typeof(long) => (long)i,
            (long l, _) when type == typeof(int) && l is >= int.MinValue and <= int.MaxValue => (int)l,
            (int or long, _) when type == typeof(double) => System.Convert.ToDouble(value, CultureInfo.InvariantCulture),
            (int or long, _) when type == typeof(float) => System.Convert.ToSingle(value, CultureInfo.InvariantCulture),
            (int or long or float or double, _) when type == typeof(decimal) => System.Convert.ToDecimal(value, CultureInfo.InvariantCulture),
            (float f, _) when type == typeof(double) => (double)f,
            (double d, _) when type == typeof(float) => (float)d,
            (DateTimeOffset t, _) when type == typeof(DateTime) => t.UtcDateTime,
            (FeatureStatus s, _) when type == typeof(string) => s.Name(),
            (float[] list, _) when type == typeof(double[]) => list.Select(x => (double)x).ToArray(),
            (double[] list, _) when type == typeof(float[]) => list.Select(x => (float)x).ToArray(),
            _ => null,
        };
        return converted ?? throw new FeatureStoreException(FeatureStoreErrorCode.InvalidRowType,
            $"{where()} holds {TypeName(value.GetType())} {Show(value)}, which {TypeName(target)} cannot hold");
    }

    public static T Get<T>(ICellTable table, int row, int column, string columnName) =>
        (T)Convert(table.Cell(row, column), typeof(T), () => $"row {row} column '{columnName}'", () => table.WhyNull(row, column))!;

    public static string TypeName(Type type) => Nullable.GetUnderlyingType(type) is { } inner ? TypeName(inner) + "?"
        : type == typeof(long) ? "long" : type == typeof(int) ? "int" : type == typeof(double) ? "double" : type == typeof(float) ? "float"
        : type == typeof(bool) ? "bool" : type == typeof(string) ? "string" : type == typeof(decimal) ? "decimal" : type.Name;

    private static string Show(object value) => value switch
    {
        string s => $"'{s}'",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => $"({value.GetType().Name})",
    };
}
