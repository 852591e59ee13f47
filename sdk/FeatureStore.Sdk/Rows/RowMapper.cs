using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using FeatureStore.Sdk.Offline;

namespace FeatureStore.Sdk.Rows;

/// <summary>
/// Maps table rows onto a user's type by name, ignoring case and underscores (<c>conv_rate</c> → <c>ConvRate</c>,
/// <c>conv_rate__status</c> → <c>ConvRateStatus</c>): through the constructor whose parameters all match a column (a
/// positional record's), otherwise a parameterless constructor; then every settable property that matches a column.
/// Columns without a member are ignored.
/// </summary>
internal static class RowMapper
{
    private const DynamicallyAccessedMemberTypes Members = DynamicallyAccessedMemberTypes.PublicConstructors | DynamicallyAccessedMemberTypes.PublicProperties;

    public static IReadOnlyList<T> Map<[DynamicallyAccessedMembers(Members)] T>(ICellTable table)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < table.CellColumns.Count; c++)
        {
            columns.TryAdd(ColumnNames.Key(table.CellColumns[c]), c);
        }

        int? ColumnOf(string? member) => member is not null && columns.TryGetValue(ColumnNames.Key(member), out var c) ? c : null;

        var type = typeof(T);
        var constructor = type.GetConstructors()
            .Where(k => k.GetParameters().All(p => ColumnOf(p.Name) is not null || p.HasDefaultValue))
            .OrderByDescending(k => k.GetParameters().Length)
            .FirstOrDefault();
        if (constructor is null)
        {
            var widest = type.GetConstructors().OrderByDescending(k => k.GetParameters().Length).FirstOrDefault();
            var unmatched = widest?.GetParameters().Where(p => ColumnOf(p.Name) is null && !p.HasDefaultValue).Select(p => p.Name) ?? [];
            throw new FeatureStoreException(FeatureStoreErrorCode.InvalidRowType,
                $"ToRows<{type.Name}>: no constructor of {type.Name} can be filled: {(widest is null ? "it has no public constructor" : $"parameter(s) {string.Join(", ", unmatched.Select(n => $"'{n}'"))} match no column")} " +
                $"(columns: {string.Join(", ", table.CellColumns)})");
        }

        var parameters = constructor.GetParameters();
        var byConstructor = parameters.Select(p => ColumnNames.Key(p.Name!)).ToHashSet(StringComparer.Ordinal);
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0 && !byConstructor.Contains(ColumnNames.Key(p.Name)))
            .Select(p => (Property: p, Column: ColumnOf(p.Name)))
            .Where(p => p.Column is not null)
            .ToList();

        var rows = new List<T>(table.RowCount);
        for (var row = 0; row < table.RowCount; row++)
        {
            var arguments = new object?[parameters.Length];
            for (var i = 0; i < parameters.Length; i++)
            {
                arguments[i] = ColumnOf(parameters[i].Name) is { } column
                    ? Value(table, row, column, parameters[i].ParameterType, $"{type.Name}({parameters[i].Name})")
                    : parameters[i].DefaultValue;
            }

            var instance = constructor.Invoke(arguments);
            foreach (var (property, column) in properties)
            {
                property.SetValue(instance, Value(table, row, column!.Value, property.PropertyType, $"{type.Name}.{property.Name}"));
            }

            rows.Add((T)instance);
        }

        return rows;
    }

    private static object? Value(ICellTable table, int row, int column, Type target, string member) =>
        CellConversion.Convert(
            table.Cell(row, column),
            target,
            () => $"ToRows: {member} from row {row} column '{table.CellColumns[column]}'",
            () => table.WhyNull(row, column));
}
