using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using FeatureStore.Parquet;

namespace FeatureStore.Sdk.Offline;

/// <summary>
/// Turns rows of a C# type into columns, one per public readable property (named in snake_case): long, int, string,
/// DateTimeOffset, DateTime (UTC; unspecified is read as UTC), double, float, bool, and their nullable forms.
/// </summary>
internal static class RowColumns
{
    private static readonly Type[] Supported =
        [typeof(long), typeof(int), typeof(string), typeof(DateTimeOffset), typeof(DateTime), typeof(double), typeof(float), typeof(bool)];

    public static RecordBatch ToBatch<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] T>(IEnumerable<T> rows, string label)
    {
        var properties = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.GetIndexParameters().Length == 0).ToList();
        if (properties.Count == 0)
        {
            throw new FeatureStoreException(FeatureStoreErrorCode.InvalidSpine, $"{label}: {typeof(T).Name} has no public properties to make columns of");
        }

        foreach (var property in properties)
        {
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (Array.IndexOf(Supported, type) < 0)
            {
                throw new FeatureStoreException(FeatureStoreErrorCode.InvalidSpine,
                    $"{label}: property '{property.Name}' has type {TypeName(property.PropertyType)}, which a spine column cannot hold " +
                    "(use long, int, string, DateTimeOffset, DateTime, double, float or bool, or their nullable forms)");
            }
        }

        var names = properties.Select(p => ColumnNames.SnakeCase(p.Name)).ToList();
        if (names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } clash)
        {
            throw new FeatureStoreException(FeatureStoreErrorCode.InvalidSpine,
                $"{label}: properties {string.Join(" and ", properties.Where((_, i) => names[i] == clash.Key).Select(p => $"'{p.Name}'"))} both become column '{clash.Key}'");
        }

        var values = properties.Select(_ => new List<object?>()).ToList();
        var index = 0;
        foreach (var row in rows)
        {
            if (row is null)
            {
                throw new FeatureStoreException(FeatureStoreErrorCode.InvalidSpine, $"{label}: row {index} is null");
            }

            for (var p = 0; p < properties.Count; p++)
            {
                values[p].Add(properties[p].GetValue(row));
            }

            index++;
        }

        var fields = new List<ParquetField>();
        var columns = new List<Column>();
        for (var p = 0; p < properties.Count; p++)
        {
            var (field, column) = ToColumn(names[p], properties[p].PropertyType, values[p]);
            fields.Add(field);
            columns.Add(column);
        }

        return new RecordBatch(new ParquetSchema(fields), columns, index);
    }

    private static (ParquetField, Column) ToColumn(string name, Type declared, List<object?> values)
    {
        var type = Nullable.GetUnderlyingType(declared) ?? declared;
        var nullable = !declared.IsValueType || Nullable.GetUnderlyingType(declared) is not null;
        var validity = values.Any(v => v is null) ? values.Select(v => v is not null).ToArray() : null;
        T[] Values<T>(Func<object, T> convert) => [.. values.Select(v => v is null ? default! : convert(v))];
        return type switch
        {
            _ when type == typeof(long) => (new ParquetField(name, ParquetType.Int64, nullable), new Int64Column(Values(v => (long)v), validity)),
            _ when type == typeof(int) => (new ParquetField(name, ParquetType.Int32, nullable), new Int32Column(Values(v => (int)v), validity)),
            _ when type == typeof(double) => (new ParquetField(name, ParquetType.Double, nullable), new DoubleColumn(Values(v => (double)v), validity)),
            _ when type == typeof(float) => (new ParquetField(name, ParquetType.Float, nullable), new FloatColumn(Values(v => (float)v), validity)),
            _ when type == typeof(bool) => (new ParquetField(name, ParquetType.Boolean, nullable), new BooleanColumn(Values(v => (bool)v), validity)),
            _ when type == typeof(string) => (new ParquetField(name, ParquetType.String, nullable), BinaryColumn.FromStrings([.. values.Cast<string?>()])),
            _ when type == typeof(DateTimeOffset) => (Timestamp(name, nullable), new Int64Column(Values(v => TemporalValues.FromDateTime(((DateTimeOffset)v).UtcDateTime, TimeUnit.Micros)), validity)),
            _ => (Timestamp(name, nullable), new Int64Column(Values(v => TemporalValues.FromDateTime((DateTime)v, TimeUnit.Micros)), validity)),
        };
    }

    private static ParquetField Timestamp(string name, bool nullable) => new(name, ParquetType.Timestamp(TimeUnit.Micros), nullable);

    private static string TypeName(Type type) => type.IsGenericType
        ? $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(", ", type.GetGenericArguments().Select(TypeName))}>"
        : type.Name;
}
