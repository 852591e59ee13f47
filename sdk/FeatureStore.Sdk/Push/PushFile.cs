using System.Text;
using FeatureStore.Offline;
using FeatureStore.Parquet;
using FeatureStore.Sdk.Rows;

namespace FeatureStore.Sdk.Push;

/// <summary>
/// The rows of a .parquet or .csv file to push, by column name, with how to name each row in errors
/// (<c>rows.csv line 7</c>, <c>rows.parquet row 3</c>, rows counted from 1). CSV values stay text (the ingestion path
/// parses them by the column's declared type; an empty field is null); Parquet values keep their type.
/// </summary>
internal sealed class PushFile
{
    private readonly string label;
    private readonly int[]? lines;

    private PushFile(string label, List<IReadOnlyDictionary<string, object?>> rows, int[]? lines)
    {
        this.label = label;
        this.lines = lines;
        Rows = rows;
    }

    public IReadOnlyList<IReadOnlyDictionary<string, object?>> Rows { get; }

    /// <summary>Where row <paramref name="index"/> (from 0) is in the file.</summary>
    public string Where(int index) => lines is null ? $"{label} row {index + 1}" : $"{label} line {lines[index]}";

    /// <exception cref="FeatureStoreException">A missing or unreadable file, another extension, a CSV line with the wrong
    /// number of fields (<see cref="FeatureStoreErrorCode.Ingestion"/>).</exception>
    public static PushFile Read(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
            throw Error($"push file not found: {full}");
        var extension = Path.GetExtension(full).ToLowerInvariant();
        try
        {
            return extension switch
            {
                ".parquet" => ReadParquet(full, path),
                ".csv" => ReadCsv(full, path),
                _ => throw Error($"push file {path}: expected a .parquet or .csv file, not '{extension}'"),
            };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ParquetException)
        {
            throw Error($"push file {path}: {e.Message}", e);
        }
    }

    private static PushFile ReadCsv(string full, string label)
    {
        using var reader = new StreamReader(full, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using var records = CsvRecords.Parse(reader).GetEnumerator();
        if (!records.MoveNext())
            throw Error($"push file {label} is empty (a CSV file needs a header line with the column names)");
        var header = records.Current.Fields.Select(f => f?.Trim() ?? "").ToList();
        if (header.FindIndex(string.IsNullOrEmpty) is var blank and >= 0)
            throw Error($"push file {label} line 1: column {blank + 1} of the header has no name");
        if (header.GroupBy(h => h, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw Error($"push file {label} line 1: column '{twice.Key}' appears twice in the header");

        var rows = new List<IReadOnlyDictionary<string, object?>>();
        var lines = new List<int>();
        while (records.MoveNext())
        {
            var (line, fields) = records.Current;
            if (fields.Count != header.Count)
                throw Error($"push file {label} line {line}: {fields.Count} fields, the header has {header.Count}");
            var row = new Dictionary<string, object?>(header.Count, StringComparer.Ordinal);
            for (var c = 0; c < header.Count; c++)
                row[header[c]] = fields[c];
            rows.Add(row);
            lines.Add(line);
        }

        return new PushFile(label, rows, [.. lines]);
    }

    private static PushFile ReadParquet(string full, string label)
    {
        using var reader = ParquetFileReader.Open(full);
        if (reader.UnsupportedColumns.Count > 0)
            throw Error($"push file {label}: columns of unsupported types: {string.Join(", ", reader.UnsupportedColumns)}");
        var batch = reader.ReadAll();
        var rows = new List<IReadOnlyDictionary<string, object?>>(batch.RowCount);
        for (var r = 0; r < batch.RowCount; r++)
        {
            var row = new Dictionary<string, object?>(batch.Schema.Count, StringComparer.Ordinal);
            for (var c = 0; c < batch.Schema.Count; c++)
                row[batch.Schema[c].Name] = BatchCells.Read(batch, c, r);
            rows.Add(row);
        }

        return new PushFile(label, rows, null);
    }

    private static FeatureStoreException Error(string message, Exception? inner = null) => new(FeatureStoreErrorCode.Ingestion, message, inner);
}
