using System.Buffers;
using System.Runtime.CompilerServices;
using FeatureStore.Materialization.Quality;
using FeatureStore.Online;
using FeatureStore.Parquet;
using FeatureStore.Registry.Model;

namespace FeatureStore.Materialization.Source;

/// <summary>
/// A view's Parquet source (file, directory, glob or hive partitions) opened for a window. <see cref="Open"/> reads only
/// footers: every file is checked against the view (<see cref="SourceFileCheck"/>, so a file that cannot feed it fails the
/// run before anything is read or written) and the row groups whose event-time statistics may meet the window are listed.
/// <see cref="Read"/> then streams the window's rows, projecting only the view's columns and reading each file with its
/// own column types, into a sink: in memory (<see cref="ScannedRows"/>) or spilled per entity bucket.
/// </summary>
internal sealed class SourceScanner
{
    /// <summary>Bytes a window row costs in memory besides its decoded columns (times, position, key bytes, planning index).</summary>
    public const int RowOverheadBytes = 100;

    private readonly FeatureViewDefinition view;
    private readonly ParquetDataset dataset;
    private readonly ColumnBufferPool buffers;
    private readonly ViewColumns columns;
    private readonly string repoDir;
    private readonly MaterializationWindow window;
    private readonly List<(DatasetRowGroup RowGroup, long FirstRow)> wanted;

    private SourceScanner(
        FeatureViewDefinition view, ParquetDataset dataset, ColumnBufferPool buffers, ViewColumns columns, string repoDir, MaterializationWindow window,
        List<(DatasetRowGroup, long)> wanted, string fingerprint, long estimatedBytes, long largestRowGroupBytes)
    {
        LargestRowGroupBytes = largestRowGroupBytes;
        RowsToRead = wanted.Sum(w => w.Item1.RowGroup.RowCount);
        this.view = view;
        this.dataset = dataset;
        this.buffers = buffers;
        this.columns = columns;
        this.repoDir = repoDir;
        this.window = window;
        this.wanted = wanted;
        Fingerprint = fingerprint;
        EstimatedBytes = estimatedBytes;
    }

    /// <summary>The source files read (path, length, last write), one per line: part of a run's work key.</summary>
    public string Fingerprint { get; }

    /// <summary>Rows of the row groups to read (an upper bound of the window's rows).</summary>
    public long RowsToRead { get; }

    /// <summary>Decoded column bytes of the largest row group to read.</summary>
    public long LargestRowGroupBytes { get; }

    /// <summary>Memory the window would take held in memory: decoded column bytes of the row groups to read plus a per-row overhead.</summary>
    public long EstimatedBytes { get; }

    public static SourceScanner Open(
        FeatureViewDefinition view, DataSourceDefinition source, IReadOnlyList<EntityDefinition> entities, string repoDir, MaterializationWindow window)
    {
        var path = Path.IsPathRooted(source.Path) ? source.Path : Path.Combine(repoDir, source.Path);
        ParquetDataset dataset;
        // Row groups are decoded one after another and dropped once keyed (or gathered): their arrays are reused.
        var buffers = new ColumnBufferPool();
        try
        {
            dataset = ParquetDataset.Open(path, new ParquetReadOptions { Buffers = buffers });
        }
        catch (ParquetException e)
        {
            throw new MaterializationException($"view '{LiveView.MaterializationKey(view)}': cannot read source '{source.Name}' at {source.Path}: {e.Message}", e);
        }

        var columns = ViewColumns.Resolve(view, source, entities, dataset.Schema);
        var projection = columns.All;
        var wanted = new List<(DatasetRowGroup, long)>();
        long estimate = 0;
        long largestRowGroup = 0;
        foreach (var file in dataset.Files)
        {
            var shown = Path.GetRelativePath(repoDir, file.Path);
            ParquetSchema schema;
            IReadOnlyList<RowGroupInfo> rowGroups;
            try
            {
                using var reader = ParquetFileReader.Open(file.Path);
                schema = new ParquetSchema([.. reader.Schema.Fields, .. dataset.PartitionFields.Where(p => reader.Schema.IndexOf(p.Name) < 0)]);
                rowGroups = reader.RowGroups;
            }
            catch (ParquetException e)
            {
                throw new MaterializationException($"view '{LiveView.MaterializationKey(view)}': cannot read {shown}: {e.Message}", e);
            }

            SourceFileCheck.Check(view, source, columns, schema, shown);
            long firstRow = 0;
            foreach (var rowGroup in rowGroups)
            {
                var candidate = new DatasetRowGroup(file, rowGroup);
                if (MayOverlap(candidate, columns.EventColumn, window))
                {
                    wanted.Add((candidate, firstRow));
                    // Dictionary-encoded chunks are smaller than their decoded values: count at least 4 bytes per cell.
                    var decoded = projection.Sum(c => Math.Max(rowGroup.Column(c)?.UncompressedSize ?? 0, rowGroup.RowCount * 4));
                    estimate += (rowGroup.RowCount * RowOverheadBytes) + decoded;
                    largestRowGroup = Math.Max(largestRowGroup, decoded);
                }

                firstRow += rowGroup.RowCount;
            }
        }

        var fingerprint = string.Join('\n', dataset.Files.Select(f => new FileInfo(f.Path)).Select(f => $"{f.FullName} {f.Length} {f.LastWriteTimeUtc.Ticks}"));
        return new SourceScanner(view, dataset, buffers, columns, repoDir, window, wanted, fingerprint, estimate, largestRowGroup);
    }

    /// <summary>
    /// Reads the window's rows in file order into <paramref name="sink"/>, judging each row's per-row quality rules and
    /// tallying the gate buckets as it goes. A cell that cannot be read (null key or event time, an int32 key beyond
    /// int32, a timestamp outside years 1-9999) fails the scan naming file, row and column. Returns the rows given to the sink.
    /// With <paramref name="deferFeatures"/> (only for a view without row rules or max_null_fraction, whose scan needs no
    /// feature value) only keys and times are decoded; each segment decodes its feature columns when first used.
    /// </summary>
    // Called once per view with a loop over every row: compiled optimized at once rather than starting in tier 0.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public long Read(IScanSink sink, QualityGate gate, GateTally tally, bool deferFeatures, CancellationToken ct)
    {
        if (deferFeatures && gate.JudgesRows)
            throw new InvalidOperationException("a view with quality rules needs its feature values while it is read");
        long added = 0;
        IReadOnlyList<string> projection = deferFeatures ? columns.KeysAndTimes : columns.All;
        var scanBatch = new ScanBatch();
        var parts = new FeatureValue[columns.Keys.Count];
        var keyWriter = new ArrayBufferWriter<byte>(256);
        Span<byte> integerKey = stackalloc byte[EntityKey.MaxIntegerKeyBytes];
        long[] eventAll = [];
        long[] createdAll = [];
        // The next row group is decoded on the thread pool while this one's rows are keyed (ReadRowGroup opens its own reader).
        Task<RecordBatch>? next = wanted.Count > 0 ? Task.Run(() => ReadRowGroup(wanted[0].RowGroup, projection), ct) : null;
        for (var w = 0; w < wanted.Count; w++)
        {
            ct.ThrowIfCancellationRequested();
            var (rowGroup, firstRow) = wanted[w];
            var batch = next!.GetAwaiter().GetResult();
            var following = w + 1 < wanted.Count ? wanted[w + 1].RowGroup : null;
            next = following is null ? null : Task.Run(() => ReadRowGroup(following, projection), ct);
            var file = Path.GetRelativePath(repoDir, rowGroup.File.Path);
            var schema = batch.Schema;
            var keyReaders = columns.Keys.Select(k => ColumnReader.KeyReader(batch[k.Column], schema[k.Column].Type, k.Type)).ToArray();
            var keyColumns = columns.Keys.Select(k => batch[k.Column]).ToArray();
            var (integerKeyColumn, int32Key) = parts.Length == 1
                ? ColumnReader.IntegerKey(keyColumns[0], schema[columns.Keys[0].Column].Type, columns.Keys[0].Type)
                : (null, false);
            var (featureColumns, converters) = deferFeatures ? ([], []) : Features(batch);
            var eventColumn = batch[columns.EventColumn];
            var eventType = schema[columns.EventColumn].Type;
            var createdColumn = columns.CreatedColumn is null ? null : batch[columns.CreatedColumn];
            var createdType = columns.CreatedColumn is null ? null : schema[columns.CreatedColumn].Type;
            sink.AddSegment(deferFeatures
                ? ScannedSegment.Deferred(file, firstRow, columns.Features.Count, f => Feature(ReadRowGroup(rowGroup, [columns.Features[f]]), f), buffers)
                : ScannedSegment.OfRowGroup(file, firstRow, featureColumns, converters));
            scanBatch.Clear();
            if (eventAll.Length < batch.RowCount)
            {
                eventAll = new long[batch.RowCount];
                createdAll = new long[batch.RowCount];
            }

            ColumnReader.AllTicks(eventColumn, eventType, eventAll.AsSpan(0, batch.RowCount));
            if (createdColumn is not null)
                ColumnReader.AllTicks(createdColumn, createdType!, createdAll.AsSpan(0, batch.RowCount));
            for (var row = 0; row < batch.RowCount; row++)
            {
                var column = columns.EventColumn;
                try
                {
                    var eventTicks = eventAll[row];
                    if (eventTicks == ColumnReader.Deferred)
                    {
                        if (eventColumn.IsNull(row))
                            throw new MaterializationException("the event timestamp is null");
                        eventTicks = ColumnReader.Ticks(eventColumn, eventType, row);
                    }

                    column = columns.CreatedColumn ?? column;
                    var createdTicks = createdColumn is null ? SourceRow.NoCreated : createdAll[row];
                    if (createdTicks == ColumnReader.Deferred)
                        createdTicks = createdColumn!.IsNull(row) ? SourceRow.NoCreated : ColumnReader.Ticks(createdColumn, createdType!, row);
                    if (!window.Contains(eventTicks, createdTicks))
                        continue;
                    for (var k = 0; k < parts.Length; k++)
                    {
                        column = columns.Keys[k].Column;
                        if (keyColumns[k].IsNull(row))
                            throw new MaterializationException("the join key is null");
                        if (integerKeyColumn is null)
                            parts[k] = keyReaders[k](row);
                    }

                    scoped ReadOnlySpan<byte> key;
                    if (integerKeyColumn is not null)
                    {
                        key = integerKey[..EntityKey.EncodeInteger(integerKeyColumn[row], int32Key, integerKey)];
                    }
                    else
                    {
                        keyWriter.ResetWrittenCount();
                        EntityKey.WriteEncoded(keyWriter, parts);
                        key = keyWriter.WrittenSpan;
                    }

                    var reason = gate.HasRowRules ? gate.RowReason(converters, row) : null;
                    // Without quality rules the tally has nothing to count.
                    if (gate.JudgesRows)
                        tally.Add(eventTicks, featureColumns, row, reason);
                    scanBatch.Add(row, eventTicks, createdTicks, key, reason);
                    if (scanBatch.Count == ScanBatch.Capacity)
                        Flush();
                }
                catch (MaterializationException e)
                {
                    throw new MaterializationException($"view '{LiveView.MaterializationKey(view)}': {file} row {firstRow + row}, column '{column}': {e.Message}", e);
                }
            }

            Flush();
            // Deferred segments hold none of the batch's columns: the next row groups decode into its arrays.
            if (deferFeatures)
                buffers.Return(batch);
        }

        return added;

        void Flush()
        {
            sink.Add(scanBatch);
            added += scanBatch.Count;
            scanBatch.Clear();
        }
    }

    /// <summary>The view's feature columns of a decoded row group, in view order, each with its converter.</summary>
    private (Column[] Columns, Func<int, FeatureValue>[] Converters) Features(RecordBatch batch)
    {
        var features = Enumerable.Range(0, columns.Features.Count).Select(f => Feature(batch, f)).ToArray();
        return ([.. features.Select(f => f.Column)], [.. features.Select(f => f.Converter)]);
    }

    /// <summary>Feature <paramref name="feature"/> (view order) of a decoded row group, with its converter.</summary>
    private (Column Column, Func<int, FeatureValue> Converter) Feature(RecordBatch batch, int feature)
    {
        var name = columns.Features[feature];
        return (batch[name], ColumnReader.Converter(batch[name], batch.Schema[name].Type, view.Features[feature].Type));
    }

    private RecordBatch ReadRowGroup(DatasetRowGroup rowGroup, IReadOnlyList<string> projection)
    {
        try
        {
            return dataset.ReadRowGroup(rowGroup, projection);
        }
        catch (ParquetException e)
        {
            throw new MaterializationException($"view '{LiveView.MaterializationKey(view)}': cannot read {rowGroup.File.Path} row group {rowGroup.RowGroup.Index}: {e.Message}", e);
        }
    }

    /// <summary>False only when the row group's event-time statistics prove every row is outside the window.</summary>
    private static bool MayOverlap(DatasetRowGroup rowGroup, string eventColumn, MaterializationWindow window)
    {
        if (rowGroup.RowGroup.Column(eventColumn)?.Statistics is not { Min: DateTime min, Max: DateTime max })
            return true;
        // Statistics are truncated to ticks and rows are read floored to microseconds: widen by one microsecond so neither drops a boundary row.
        return min.Ticks - 10 <= window.EventEnd && max.Ticks + 10 >= window.LowestEvent;
    }
}
