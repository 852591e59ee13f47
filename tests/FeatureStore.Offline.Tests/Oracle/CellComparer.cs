using System.Globalization;
using System.Text.Json;
using FeatureStore.Parquet;

namespace FeatureStore.Offline.Tests;

/// <summary>Compares one engine output cell with the oracle's JSON value exactly (integers and timestamps as text, floats bit for bit as doubles).</summary>
internal static class CellComparer
{
    public static bool Same(Column column, int row, JsonElement expected)
    {
        if (column.IsNull(row) || expected.ValueKind == JsonValueKind.Null)
        {
            return column.IsNull(row) && expected.ValueKind == JsonValueKind.Null;
        }

        return column switch
        {
            Int32Column c => expected.GetString() == c.Values[row].ToString(CultureInfo.InvariantCulture),
            Int64Column c => expected.GetString() == c.Values[row].ToString(CultureInfo.InvariantCulture),
            FloatColumn c => expected.GetDouble() == c.Values[row],
            DoubleColumn c => expected.GetDouble() == c.Values[row],
            BooleanColumn c => expected.GetBoolean() == c.Values[row],
            BinaryColumn c => expected.GetString() == c.GetString(row),
            _ => throw new InvalidOperationException($"no comparison for {column.GetType().Name}"),
        };
    }

    public static string Show(Column column, int row) => column.IsNull(row) ? "null" : Convert.ToString(column.GetValue(row) is byte[] b ? System.Text.Encoding.UTF8.GetString(b) : column.GetValue(row), CultureInfo.InvariantCulture) ?? "null";
}
