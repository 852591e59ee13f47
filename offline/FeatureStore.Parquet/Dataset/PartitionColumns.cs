using System.Globalization;
using System.Text;

namespace FeatureStore.Parquet.Dataset;

/// <summary>Types partition keys (Int64 when every value parses as a long, else String) and builds their constant columns.</summary>
internal static class PartitionColumns
{
    public static List<ParquetField> InferFields(IReadOnlyList<DatasetFile> files, ParquetSchema fileSchema)
    {
        var keys = new List<string>();
        foreach (var file in files)
        {
            foreach (var key in file.Partitions.Keys)
            {
                if (!keys.Contains(key) && fileSchema.IndexOf(key) < 0)
                {
                    keys.Add(key);
                }
            }
        }

        var fields = new List<ParquetField>(keys.Count);
        foreach (var key in keys)
        {
            var allInts = true;
            foreach (var file in files)
            {
                if (Value(file, key) is { } value && !long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
                {
                    allInts = false;
                    break;
                }
            }

            fields.Add(new ParquetField(key, allInts ? ParquetType.Int64 : ParquetType.String, Nullable: true));
        }

        return fields;
    }

    /// <summary>The file's value for a key, or null when missing or the hive null marker.</summary>
    public static string? Value(DatasetFile file, string key) =>
        file.Partitions.TryGetValue(key, out var value) && value != DatasetDiscovery.HiveNull ? value : null;

    public static Column Constant(ParquetField field, string? value, int rows)
    {
        bool[]? validity = value is null ? new bool[rows] : null;
        if (field.Type.Kind == ParquetTypeKind.Int64)
        {
            var values = new long[rows];
            if (value is not null)
            {
                Array.Fill(values, long.Parse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
            }

            return new Int64Column(values, validity);
        }

        var bytes = value is null ? [] : Encoding.UTF8.GetBytes(value);
        var data = new byte[(long)bytes.Length * rows];
        var offsets = new int[rows + 1];
        for (var r = 0; r < rows; r++)
        {
            bytes.CopyTo(data, r * bytes.Length);
            offsets[r + 1] = (r + 1) * bytes.Length;
        }

        return new BinaryColumn(offsets, data, rows, validity);
    }
}
