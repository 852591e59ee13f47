using System.Globalization;
using System.Text;
using FeatureStore.Parquet;
using FeatureStore.Registry.Model;

namespace FeatureStore.Offline;

/// <summary>
/// Reads a CSV spine into typed columns: the timestamp column as UTC microseconds, join-key columns as their entity's type,
/// other columns inferred (int64, then float64, then bool, else string). An empty field is null.
/// </summary>
internal static class CsvSpineReader
{
    public static SpineTable Read(string path, string timestampColumn, IReadOnlyDictionary<string, FeatureType> keyTypes)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using var records = CsvRecords.Parse(reader).GetEnumerator();
        if (!records.MoveNext())
        {
            throw new TrainingSetException($"spine {path} is empty (a CSV spine needs a header line)");
        }

        var header = records.Current.Fields.Select(f => f?.Trim() ?? string.Empty).ToList();
        var rows = new List<List<string?>>();
        var lines = new List<int>();
        while (records.MoveNext())
        {
            var (line, fields) = records.Current;
            if (fields.Count != header.Count)
            {
                throw new TrainingSetException($"spine {path} line {line}: {fields.Count} fields, the header has {header.Count}");
            }

            rows.Add(fields);
            lines.Add(line);
        }

        var timestampIndex = header.IndexOf(timestampColumn);
        if (timestampIndex < 0)
        {
            throw new TrainingSetException($"spine {path} has no timestamp column '{timestampColumn}' (columns: {string.Join(", ", header)}; choose one with --timestamp-column)");
        }

        var fieldsOut = new List<ParquetField>();
        var columns = new List<Column>();
        var micros = new long[rows.Count];
        for (var c = 0; c < header.Count; c++)
        {
            var values = rows.Select(r => r[c]).ToList();
            string Where(int row) => $"spine {path} line {lines[row]} column '{header[c]}'";
            if (c == timestampIndex)
            {
                for (var r = 0; r < values.Count; r++)
                {
                    if (!TimestampText.TryParse(values[r], out micros[r]))
                    {
                        throw new TrainingSetException($"{Where(r)}: unparseable timestamp '{values[r]}' (use ISO-8601 or epoch seconds/millis/micros)");
                    }
                }

                fieldsOut.Add(new ParquetField(header[c], ParquetType.Timestamp(TimeUnit.Micros), Nullable: false));
                columns.Add(new Int64Column((long[])micros.Clone()));
            }
            else
            {
                var (field, column) = keyTypes.TryGetValue(header[c], out var keyType)
                    ? KeyColumn(header[c], keyType, values, Where)
                    : InferredColumn(header[c], values);
                fieldsOut.Add(field);
                columns.Add(column);
            }
        }

        var batch = new RecordBatch(new ParquetSchema(fieldsOut), columns, rows.Count);
        return new SpineTable(path, batch, micros) { RowLabel = row => $"line {lines[row]}" };
    }

    private static (ParquetField, Column) KeyColumn(string name, FeatureType type, List<string?> values, Func<int, string> where)
    {
        switch (type)
        {
            case FeatureType.Int32 or FeatureType.Int64:
                var longs = new long[values.Count];
                bool[]? validity = null;
                for (var r = 0; r < values.Count; r++)
                {
                    if (values[r] is null)
                    {
                        validity ??= AllValid(values.Count);
                        validity[r] = false;
                    }
                    else if (!long.TryParse(values[r], NumberStyles.Integer, CultureInfo.InvariantCulture, out longs[r]))
                    {
                        throw new TrainingSetException($"{where(r)}: '{values[r]}' is not an integer, but the join key is {type.Name()}");
                    }
                }

                return type == FeatureType.Int32
                    ? (new ParquetField(name, ParquetType.Int32), new Int32Column(longs.Select(v => (int)v).ToArray(), validity))
                    : (new ParquetField(name, ParquetType.Int64), new Int64Column(longs, validity));
            case FeatureType.Bytes:
                return (new ParquetField(name, ParquetType.Binary), BinaryColumn.FromBytes(values.Select(v => v is null ? null : Encoding.UTF8.GetBytes(v)).ToList()));
            default:
                return (new ParquetField(name, ParquetType.String), BinaryColumn.FromStrings(values));
        }
    }

    private static (ParquetField, Column) InferredColumn(string name, List<string?> values)
    {
        var present = values.Where(v => v is not null).ToList();
        bool[]? Validity() => present.Count == values.Count ? null : values.Select(v => v is not null).ToArray();
        if (present.Count > 0 && present.All(v => long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)))
        {
            return (new ParquetField(name, ParquetType.Int64), new Int64Column(values.Select(v => v is null ? 0 : long.Parse(v, CultureInfo.InvariantCulture)).ToArray(), Validity()));
        }

        if (present.Count > 0 && present.All(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
        {
            return (new ParquetField(name, ParquetType.Double), new DoubleColumn(values.Select(v => v is null ? 0 : double.Parse(v, CultureInfo.InvariantCulture)).ToArray(), Validity()));
        }

        if (present.Count > 0 && present.All(v => bool.TryParse(v, out _)))
        {
            return (new ParquetField(name, ParquetType.Boolean), new BooleanColumn(values.Select(v => v is not null && bool.Parse(v)).ToArray(), Validity()));
        }

        return (new ParquetField(name, ParquetType.String), BinaryColumn.FromStrings(values));
    }

    private static bool[] AllValid(int count)
    {
        var validity = new bool[count];
        Array.Fill(validity, true);
        return validity;
    }
}
