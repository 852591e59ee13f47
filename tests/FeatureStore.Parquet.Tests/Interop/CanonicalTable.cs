using System.Text.Json.Nodes;

namespace FeatureStore.Parquet.Tests.Interop;

/// <summary>A table in canonical form: column names and rows of normalised value texts (see <see cref="CanonicalJson"/>).</summary>
internal sealed class CanonicalTable
{
    private CanonicalTable(IReadOnlyList<string> columns, IReadOnlyList<string[]> rows)
    {
        Columns = columns;
        Rows = rows;
    }

    public IReadOnlyList<string> Columns { get; }

    public IReadOnlyList<string[]> Rows { get; }

    /// <summary>Parses the JSON a Node script wrote; a script-side read failure becomes an assertion failure naming the file.</summary>
    public static CanonicalTable FromJsonFile(string path)
    {
        var root = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        if (root["error"] is { } error)
        {
            Assert.Fail($"{Path.GetFileName(path)}: the independent reader failed: {error}");
        }

        var columns = root["columns"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).ToArray();
        var rows = root["rows"]!.AsArray().Select(r => r!.AsArray().Select(CanonicalJson.Normalize).ToArray()).ToArray();
        return new CanonicalTable(columns, rows);
    }

    public static CanonicalTable FromBatches(IEnumerable<RecordBatch> batches, ReaderQuirks quirks = ReaderQuirks.None)
    {
        string[]? columns = null;
        var rows = new List<string[]>();
        foreach (var batch in batches)
        {
            columns ??= batch.Schema.Fields.Select(f => f.Name).ToArray();
            for (var row = 0; row < batch.RowCount; row++)
            {
                var values = new string[batch.Columns.Count];
                for (var c = 0; c < values.Length; c++)
                {
                    values[c] = CanonicalJson.Normalize(quirks.Expected(batch.Columns[c], batch.Schema[c].Type, row));
                }

                rows.Add(values);
            }
        }

        return new CanonicalTable(columns ?? [], rows);
    }

    /// <summary>
    /// Reads each column on its own, row group by row group, so a column the reader rejects shows up as that column's
    /// error ("!ParquetException: ...") in every row instead of hiding the other columns.
    /// </summary>
    public static CanonicalTable FromReaderByColumn(ParquetFileReader reader, IReadOnlyList<string> columns)
    {
        var rows = Enumerable.Range(0, checked((int)reader.RowCount)).Select(_ => new string[columns.Count]).ToArray();
        for (var c = 0; c < columns.Count; c++)
        {
            var row = 0;
            try
            {
                for (var g = 0; g < reader.RowGroups.Count; g++)
                {
                    var batch = reader.ReadRowGroup(g, [columns[c]]);
                    for (var r = 0; r < batch.RowCount; r++)
                    {
                        rows[row++][c] = CanonicalJson.Normalize(CanonicalJson.Value(batch.Columns[0], batch.Schema[0].Type, r));
                    }
                }
            }
            catch (ParquetException e)
            {
                for (; row < rows.Length; row++)
                {
                    rows[row][c] = "!ParquetException: " + e.Message;
                }
            }
        }

        return new CanonicalTable(columns, rows);
    }

    /// <summary>The same rows with only the named columns, in that order.</summary>
    public CanonicalTable Select(IReadOnlyList<string> columns)
    {
        var indexes = columns.Select(c => Columns.ToList().IndexOf(c) is var i and >= 0 ? i : throw new ArgumentException($"no column {c}", nameof(columns))).ToArray();
        return new CanonicalTable(columns, Rows.Select(r => indexes.Select(i => r[i]).ToArray()).ToArray());
    }

    /// <summary>Every difference (first three per column), as "column row N: expected X, got Y" lines.</summary>
    public IReadOnlyList<string> Differences(CanonicalTable actual)
    {
        var differences = new List<string>();
        if (actual.Rows.Count != Rows.Count)
        {
            differences.Add($"expected {Rows.Count} rows, got {actual.Rows.Count}");
        }

        for (var c = 0; c < Columns.Count; c++)
        {
            var actualIndex = actual.Columns.ToList().IndexOf(Columns[c]);
            if (actualIndex < 0)
            {
                differences.Add($"column {Columns[c]} missing");
                continue;
            }

            var shown = 0;
            var total = 0;
            for (var row = 0; row < Math.Min(Rows.Count, actual.Rows.Count); row++)
            {
                if (Rows[row][c] != actual.Rows[row][actualIndex])
                {
                    total++;
                    if (shown++ < 3)
                    {
                        differences.Add($"{Columns[c]} row {row}: expected {Clip(Rows[row][c])}, got {Clip(actual.Rows[row][actualIndex])}");
                    }
                }
            }

            if (total > 3)
            {
                differences.Add($"{Columns[c]}: {total} rows differ in all");
            }
        }

        return differences;
    }

    private static string Clip(string text) => text.Length <= 120 ? text : string.Concat(text.AsSpan(0, 117), "...");
}
