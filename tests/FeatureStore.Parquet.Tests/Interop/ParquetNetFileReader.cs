using Net = global::Parquet;

namespace FeatureStore.Parquet.Tests.Interop;

/// <summary>
/// Reads a whole file with Parquet.Net, column by column and row group by row group. A column Parquet.Net fails on is
/// left out of every row group and reported as "column: error", so one failure does not hide the other columns.
/// </summary>
internal static class ParquetNetFileReader
{
    /// <summary>Decimals come back as exact BigDecimal (past System.Decimal's range too) and dates as DateOnly.</summary>
    public static Net.ParquetOptions Options => new() { UseBigDecimal = true, UseDateOnlyTypeForDates = true };

    /// <summary>Reads the named columns (all when null) into one batch per row group, plus the columns it failed on.</summary>
    public static async Task<(IReadOnlyList<RecordBatch> RowGroups, IReadOnlyList<string> Errors)> ReadAsync(string path, IReadOnlyCollection<string>? columns = null)
    {
        await using var reader = await Net.ParquetReader.CreateAsync(path, Options);
        var fields = reader.Schema.Fields.Where(f => columns is null || columns.Contains(f.Name)).ToArray();
        var read = new List<(ParquetField Field, Column[] RowGroups)>();
        var errors = new List<string>();
        foreach (var field in fields)
        {
            try
            {
                var rowGroups = new Column[reader.RowGroupCount];
                for (var g = 0; g < rowGroups.Length; g++)
                {
                    rowGroups[g] = await ParquetNetColumnReader.ReadAsync(reader.OpenRowGroupReader(g), field);
                }

                read.Add((ParquetNetTypes.FromNet(field), rowGroups));
            }
            catch (Exception e)
            {
                errors.Add($"{field.Name}: Parquet.Net failed: {e.GetType().Name}: {e.Message}");
            }
        }

        var schema = new ParquetSchema(read.Select(c => c.Field).ToArray());
        var batches = Enumerable.Range(0, reader.RowGroupCount)
            .Select(g => new RecordBatch(schema, read.Select(c => c.RowGroups[g]).ToArray(), checked((int)reader.OpenRowGroupReader(g).RowCount)))
            .ToArray();
        return (batches, errors);
    }
}
