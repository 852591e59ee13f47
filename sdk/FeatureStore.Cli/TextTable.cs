namespace FeatureStore.Cli;

/// <summary>Left-aligned plain-text table for terminal listings.</summary>
internal static class TextTable
{
    public static string Render(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var all = new List<IReadOnlyList<string>> { header };
        all.AddRange(rows);
        var widths = new int[header.Count];
        foreach (var row in all)
        {
            for (var i = 0; i < widths.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        var text = new System.Text.StringBuilder();
        foreach (var row in all)
        {
            var cells = row.Select((cell, i) => i == widths.Length - 1 ? cell : cell.PadRight(widths[i]));
            text.AppendLine(string.Join("  ", cells).TrimEnd());
        }

        return text.ToString();
    }
}
