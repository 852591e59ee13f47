using FeatureStore.Online;
using FeatureStore.Parquet;
using FeatureStore.Registry.Model;

namespace FeatureStore.Materialization.Source;

/// <summary>
/// Reads a view's history rows inside a window from its Parquet source (file, directory, glob or hive partitions),
/// projecting only the view's columns and skipping row groups whose event-time statistics lie outside the window. Rows
/// are kept columnar (<see cref="ScannedRows"/>): per row only its times, position and entity key bytes.
/// </summary>
internal static class SourceScanner
{
    public static ScannedRows Scan(
        FeatureViewDefinition view, DataSourceDefinition source, IReadOnlyList<EntityDefinition> entities, string repoDir, MaterializationWindow window)
    {
        var path = Path.IsPathRooted(source.Path) ? source.Path : Path.Combine(repoDir, source.Path);
        ParquetDataset dataset;
        try
        {
            dataset = ParquetDataset.Open(path);
        }
        catch (ParquetException e)
        {
            throw new MaterializationException($"view '{view.Name}': cannot read source '{source.Name}' at {source.Path}: {e.Message}", e);
        }

        var columns = ViewColumns.Resolve(view, source, entities, dataset.Schema);
        var rows = ScanRows(view, dataset, columns, repoDir, window);
        rows.SourceFingerprint = string.Join('\n', dataset.Files.Select(f => new FileInfo(f.Path)).Select(f => $"{f.FullName} {f.Length} {f.LastWriteTimeUtc.Ticks}"));
        return rows;
    }

    private static ScannedRows ScanRows(FeatureViewDefinition view, ParquetDataset dataset, ViewColumns columns, string repoDir, MaterializationWindow window)
    {
        var schema = dataset.Schema;
        var keyTypes = columns.Keys.Select(k => schema[schema.IndexOf(k.Column)].Type).ToArray();
        var featureTypes = columns.Features.Select(f => schema[schema.IndexOf(f)].Type).ToArray();
        var eventType = schema[schema.IndexOf(columns.EventColumn)].Type;
        var createdType = columns.CreatedColumn is null ? null : schema[schema.IndexOf(columns.CreatedColumn)].Type;
        var projection = columns.All;
        var rows = new ScannedRows();
        var parts = new FeatureValue[columns.Keys.Count];
        // Row groups to read, each with its first row in its file; the next one is decoded on the thread pool while
        // this one's rows are keyed (ReadRowGroup opens its own reader, so two can run at once).
        var wanted = new List<(DatasetRowGroup RowGroup, long FirstRow)>();
        string? currentFile = null;
        long nextFirstRow = 0;
        foreach (var candidate in dataset.RowGroups())
        {
            if (candidate.File.Path != currentFile)
                (currentFile, nextFirstRow) = (candidate.File.Path, 0);
            if (MayOverlap(candidate, columns.EventColumn, window))
                wanted.Add((candidate, nextFirstRow));
            nextFirstRow += candidate.RowGroup.RowCount;
        }

        Task<RecordBatch>? next = wanted.Count > 0 ? Task.Run(() => ReadRowGroup(view, dataset, wanted[0].RowGroup, projection)) : null;
        for (var w = 0; w < wanted.Count; w++)
        {
            var (rowGroup, firstRow) = wanted[w];
            var batch = next!.GetAwaiter().GetResult();
            var following = w + 1 < wanted.Count ? wanted[w + 1].RowGroup : null;
            next = following is null ? null : Task.Run(() => ReadRowGroup(view, dataset, following, projection));
            var file = Path.GetRelativePath(repoDir, rowGroup.File.Path);
            var keyColumns = columns.Keys.Select(k => batch[k.Column]).ToArray();
            var featureColumns = columns.Features.Select(f => batch[f]).ToArray();
            // Features whose conversion can fail per cell are converted once here, so a bad cell fails the scan as before.
            var checkedFeatures = Enumerable.Range(0, featureColumns.Length)
                .Where(f => !ColumnReader.AlwaysConverts(featureColumns[f], featureTypes[f], view.Features[f].Type)).ToArray();
            var eventColumn = batch[columns.EventColumn];
            var createdColumn = columns.CreatedColumn is null ? null : batch[columns.CreatedColumn];
            var converters = Enumerable.Range(0, featureColumns.Length)
                .Select(f => ColumnReader.Converter(featureColumns[f], featureTypes[f], view.Features[f].Type)).ToArray();
            rows.AddSegment(new ScannedSegment(file, firstRow, featureColumns, converters));
            for (var row = 0; row < batch.RowCount; row++)
            {
                var column = columns.EventColumn;
                try
                {
                    if (eventColumn.IsNull(row))
                        throw new MaterializationException("the event timestamp is null");
                    var eventTicks = ColumnReader.Ticks(eventColumn, eventType, row);
                    column = columns.CreatedColumn ?? column;
                    var createdTicks = createdColumn is null || createdColumn.IsNull(row) ? SourceRow.NoCreated : ColumnReader.Ticks(createdColumn, createdType!, row);
                    if (!window.Contains(eventTicks, createdTicks))
                        continue;
                    for (var k = 0; k < parts.Length; k++)
                    {
                        column = columns.Keys[k].Column;
                        if (keyColumns[k].IsNull(row))
                            throw new MaterializationException("the join key is null");
                        parts[k] = ColumnReader.Value(keyColumns[k], keyTypes[k], row, columns.Keys[k].Type);
                    }

                    foreach (var f in checkedFeatures)
                    {
                        column = columns.Features[f];
                        ColumnReader.Value(featureColumns[f], featureTypes[f], row, view.Features[f].Type);
                    }

                    rows.Add(row, eventTicks, createdTicks, parts);
                }
                catch (MaterializationException e)
                {
                    throw new MaterializationException($"view '{view.Name}': {file} row {firstRow + row}, column '{column}': {e.Message}", e);
                }
            }
        }

        return rows;
    }

    private static RecordBatch ReadRowGroup(FeatureViewDefinition view, ParquetDataset dataset, DatasetRowGroup rowGroup, IReadOnlyList<string> projection)
    {
        try
        {
            return dataset.ReadRowGroup(rowGroup, projection);
        }
        catch (ParquetException e)
        {
            throw new MaterializationException($"view '{view.Name}': cannot read {rowGroup.File.Path} row group {rowGroup.RowGroup.Index}: {e.Message}", e);
        }
    }

    /// <summary>False only when the row group's event-time statistics prove every row is outside the window.</summary>
    private static bool MayOverlap(DatasetRowGroup rowGroup, string eventColumn, MaterializationWindow window)
    {
        if (rowGroup.RowGroup.Column(eventColumn)?.Statistics is not { Min: DateTime min, Max: DateTime max })
            return true;
        // Statistics are truncated to ticks; widen by one tick so truncation never drops a row at the boundary.
        return min.Ticks - 1 <= window.EventEnd && max.Ticks + 1 >= window.LowestEvent;
    }
}
