using System.Globalization;
using System.Text;
using FeatureStore.Parquet;

namespace FeatureStore.Cli.Commands;

/// <summary><c>parquet schema</c>: file summary lines, then one row per column.</summary>
internal static class ParquetSchemaRenderer
{
    public static string Render(ParquetFileReader reader)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"file: {Path.GetFileName(reader.Path)}\n");
        text.Append(CultureInfo.InvariantCulture, $"rows: {reader.RowCount}\n");
        text.Append(CultureInfo.InvariantCulture, $"row groups: {reader.RowGroups.Count}\n");
        text.Append(CultureInfo.InvariantCulture, $"created by: {reader.CreatedBy ?? "-"}\n");
        text.Append('\n');
        text.Append(TextTable.Render(
            ["COLUMN", "TYPE", "PHYSICAL", "NULLABLE"],
            reader.Schema.Fields.Select((f, i) => (IReadOnlyList<string>)[f.Name, f.Type.ToString(), reader.PhysicalTypeName(i), f.Nullable ? "yes" : "no"])));
        return text.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
    }
}
