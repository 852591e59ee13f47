using FeatureStore.Parquet;

namespace FeatureStore.Offline;

/// <summary>
/// Renames in-memory spine columns to the names the join needs when they match ignoring case and underscores
/// (<c>DriverId</c> → <c>driver_id</c>, <c>EventTimestamp</c> → <c>event_timestamp</c>); other columns keep their names.
/// </summary>
internal static class LooseColumnNames
{
    public static string Normalize(string name) => name.Replace("_", "", StringComparison.Ordinal).ToUpperInvariant();

    /// <param name="wanted">The timestamp column and the join keys, as the registry spells them.</param>
    public static RecordBatch Rename(RecordBatch batch, string label, IEnumerable<string> wanted)
    {
        var names = batch.Schema.Fields.Select(f => f.Name).ToArray();
        foreach (var target in wanted.Distinct(StringComparer.Ordinal))
        {
            if (Array.IndexOf(names, target) >= 0)
            {
                continue;
            }

            var matches = Enumerable.Range(0, names.Length).Where(i => Normalize(names[i]) == Normalize(target)).ToList();
            if (matches.Count > 1)
            {
                throw new TrainingSetException(
                    $"spine {label}: columns {string.Join(" and ", matches.Select(i => $"'{names[i]}'"))} both match '{target}' (names are matched ignoring case and underscores)");
            }

            if (matches.Count == 1)
            {
                names[matches[0]] = target;
            }
        }

        if (names.SequenceEqual(batch.Schema.Fields.Select(f => f.Name)))
        {
            return batch;
        }

        var fields = batch.Schema.Fields.Select((field, i) => field with { Name = names[i] }).ToList();
        return new RecordBatch(new ParquetSchema(fields), batch.Columns, batch.RowCount);
    }
}
