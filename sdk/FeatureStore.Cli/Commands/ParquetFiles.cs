using FeatureStore.Parquet;

namespace FeatureStore.Cli.Commands;

/// <summary>Opening a file for the parquet commands and reading just enough row groups for the first rows.</summary>
internal static class ParquetFiles
{
    public static ParquetFileReader Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliUserException($"file not found: {path}");
        }

        return ParquetFileReader.Open(path);
    }

    /// <summary>Row groups in order until they hold <paramref name="rows"/> rows (the last one may hold more).</summary>
    public static IReadOnlyList<RecordBatch> FirstRows(ParquetFileReader reader, int rows)
    {
        var batches = new List<RecordBatch>();
        var collected = 0L;
        for (var g = 0; g < reader.RowGroups.Count && collected < rows; g++)
        {
            var batch = reader.ReadRowGroup(g);
            batches.Add(batch);
            collected += batch.RowCount;
        }

        return batches;
    }

    /// <summary>The (batch, row) pairs of the first <paramref name="rows"/> rows.</summary>
    public static IEnumerable<(RecordBatch Batch, int Row)> Rows(IReadOnlyList<RecordBatch> batches, int rows)
    {
        var left = rows;
        foreach (var batch in batches)
        {
            for (var row = 0; row < batch.RowCount && left > 0; row++, left--)
            {
                yield return (batch, row);
            }
        }
    }
}
