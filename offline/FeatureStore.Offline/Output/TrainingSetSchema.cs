using FeatureStore.Parquet;

namespace FeatureStore.Offline;

/// <summary>The output's columns: the spine's as read, then one per feature, then (when asked) one status per feature.</summary>
internal static class TrainingSetSchema
{
    // Indexed by the status byte (FeatureStatuses.All is in enum order).
    private static readonly byte[][] StatusBytes = [.. FeatureStatuses.All.Select(s => System.Text.Encoding.UTF8.GetBytes(s.Name()))];

    public static ParquetSchema For(ParquetSchema spine, IEnumerable<ResolvedFeature> features, bool statusColumns)
    {
        var fields = spine.Fields.ToList();
        var list = features.ToList();
        fields.AddRange(list.Select(f => new ParquetField(f.OutputName, FeatureValues.OutputType(f.Definition.Type))));
        if (statusColumns)
        {
            fields.AddRange(list.Select(f => new ParquetField(f.StatusName, ParquetType.String, Nullable: false)));
        }

        return new ParquetSchema(fields);
    }

    /// <summary>A status column's rows start..start+count as their names (PRESENT, MISSING, ...).</summary>
    public static Column StatusColumn(FeatureStatus[] statuses, int start, int count)
    {
        var rows = statuses.AsSpan(start, count);
        var offsets = new int[count + 1];
        for (var i = 0; i < count; i++)
        {
            offsets[i + 1] = offsets[i] + StatusBytes[(int)rows[i]].Length;
        }

        var data = new byte[offsets[count]];
        for (var i = 0; i < count; i++)
        {
            StatusBytes[(int)rows[i]].CopyTo(data, offsets[i]);
        }

        return new BinaryColumn(offsets, data, count, validity: null);
    }
}
