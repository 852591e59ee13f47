using System.Buffers;
using System.Collections.Concurrent;
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
        List<(DatasetRowGroup, long)> wanted, string fingerprint, long estimatedBytes, long keyingReserveBytes)
    {
        KeyingReserveBytes = keyingReserveBytes;
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

    /// <summary>
    /// Memory a keys-and-times scan (<see cref="Read"/> deferring features) holds besides its sink, at most: the row groups
    /// in flight (the sink's and <see cref="KeyedAhead"/> more), each with its decoded keys and times and the batches its
    /// rows are keyed into, plus the decoded features of <see cref="SegmentsGatheredAtOnce"/> row groups while winners are
    /// gathered. Taken at the largest row group.
    /// </summary>
    public long KeyingReserveBytes { get; }

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
        long largestKeying = 0;
        long largestFeatures = 0;
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
                    long Decoded(IEnumerable<string> names) => names.Sum(c => Math.Max(rowGroup.Column(c)?.UncompressedSize ?? 0, rowGroup.RowCount * 4));
                    estimate += (rowGroup.RowCount * RowOverheadBytes) + Decoded(projection);
                    var batches = (rowGroup.RowCount + ScanBatch.Capacity - 1) / ScanBatch.Capacity;
                    largestKeying = Math.Max(largestKeying, Decoded(columns.KeysAndTimes) + (batches * ScanBatch.Bytes));
                    largestFeatures = Math.Max(largestFeatures, Decoded(columns.Features));
                }

                firstRow += rowGroup.RowCount;
            }
        }

        var fingerprint = string.Join('\n', dataset.Files.Select(f => new FileInfo(f.Path)).Select(f => $"{f.FullName} {f.Length} {f.LastWriteTimeUtc.Ticks}"));
        var keyingReserve = ((KeyedAhead + 1) * largestKeying) + (SegmentsGatheredAtOnce * largestFeatures);
        return new SourceScanner(view, dataset, buffers, columns, repoDir, window, wanted, fingerprint, estimate, keyingReserve);
    }

    /// <summary>
    /// Reads the window's rows in file order into <paramref name="sink"/>, judging each row's per-row quality rules and
    /// tallying the gate buckets as it goes. A cell that cannot be read (null key or event time, an int32 key beyond
    /// int32, a timestamp outside years 1-9999) fails the scan naming file, row and column. Returns the rows given to the sink.
    /// With <paramref name="deferFeatures"/> (only for a view without row rules or max_null_fraction, whose scan needs no
    /// feature value) only keys and times are decoded; each segment decodes its feature columns when first used.
    /// Row groups are decoded and keyed on worker threads ahead of the sink (<see cref="KeyedAhead"/> of them; one when
    /// the gate tallies, so the tally is kept by one thread at a time); the sink takes them in file order on this thread.
    /// </summary>
    public long Read(IScanSink sink, QualityGate gate, GateTally tally, bool deferFeatures, CancellationToken ct)
    {
        if (deferFeatures && gate.JudgesRows)
            throw new InvalidOperationException("a view with quality rules needs its feature values while it is read");
        IReadOnlyList<string> projection = deferFeatures ? columns.KeysAndTimes : columns.All;
        var ahead = gate.JudgesRows ? 1 : KeyedAhead;
        var spare = new ConcurrentBag<ScanBatch>();
        var pending = new Queue<Task<KeyedRowGroup>>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var started = 0;
        long added = 0;
        try
        {
            StartMore();
            while (pending.Count > 0)
            {
                var keyed = pending.Dequeue().GetAwaiter().GetResult();
                StartMore();
                sink.AddSegment(keyed.Segment);
                ct.ThrowIfCancellationRequested();
                sink.AddAll(keyed.Batches);
                foreach (var batch in keyed.Batches)
                {
                    added += batch.Count;
                    spare.Add(batch);
                }
            }
        }
        finally
        {
            // Workers still running (the sink or a worker failed) are stopped and waited for, so none outlives the scan.
            stop.Cancel();
            foreach (var task in pending)
                ((IAsyncResult)task).AsyncWaitHandle.WaitOne();
        }

        return added;

        void StartMore()
        {
            while (pending.Count < ahead && started < wanted.Count)
            {
                var index = started++;
                // On the thread pool, whose threads keep their array pool caches (a thread per row group would start cold).
                pending.Enqueue(Task.Run(() => KeyRowGroup(wanted[index], projection, deferFeatures, gate, tally, spare, stop.Token), stop.Token));
            }
        }
    }

    /// <summary>Row groups decoded and keyed ahead of the sink while it takes the current one.</summary>
    public const int KeyedAhead = 2;

    /// <summary>Row groups whose winners' features are gathered at once (one per core, at most four).</summary>
    public static int SegmentsGatheredAtOnce { get; } = Math.Min(Environment.ProcessorCount, 4);

    /// <summary>A row group's segment and its window rows, keyed in batches of up to <see cref="ScanBatch.Capacity"/>.</summary>
    private sealed record KeyedRowGroup(ScannedSegment Segment, List<ScanBatch> Batches);

    /// <summary>Decodes a row group and keys its window rows, slice by slice, into batches (taken from <paramref name="spare"/> when it has one).</summary>
    // Runs once per row group with a loop over every row: compiled optimized at once rather than starting in tier 0.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private KeyedRowGroup KeyRowGroup(
        (DatasetRowGroup RowGroup, long FirstRow) wantedRowGroup, IReadOnlyList<string> projection, bool deferFeatures, QualityGate gate,
        GateTally tally, ConcurrentBag<ScanBatch> spare, CancellationToken ct)
    {
        var (rowGroup, firstRow) = wantedRowGroup;
        var batch = ReadRowGroup(rowGroup, projection);
        var file = Path.GetRelativePath(repoDir, rowGroup.File.Path);
        var schema = batch.Schema;
        var parts = new FeatureValue[columns.Keys.Count];
        var keyWriter = new ArrayBufferWriter<byte>(256);
        var keyReaders = columns.Keys.Select(k => ColumnReader.KeyReader(batch[k.Column], schema[k.Column].Type, k.Type)).ToArray();
        var keyValidity = columns.Keys.Select(k => batch[k.Column].Validity).ToArray();
        var (integerKeys, int32Key) = parts.Length == 1
            ? ColumnReader.IntegerKey(batch[columns.Keys[0].Column], schema[columns.Keys[0].Column].Type, columns.Keys[0].Type)
            : (null, false);
        var (featureColumns, converters) = deferFeatures ? ([], []) : Features(batch);
        var eventColumn = batch[columns.EventColumn];
        var eventType = schema[columns.EventColumn].Type;
        var createdColumn = columns.CreatedColumn is null ? null : batch[columns.CreatedColumn];
        var createdType = columns.CreatedColumn is null ? null : schema[columns.CreatedColumn].Type;
        var segment = deferFeatures
            ? ScannedSegment.Deferred(file, firstRow, columns.Features.Count, f => Feature(ReadRowGroup(rowGroup, [columns.Features[f]]), f), buffers)
            : ScannedSegment.OfRowGroup(file, firstRow, featureColumns, converters);
        var hasRowRules = gate.HasRowRules;
        var judgesRows = gate.JudgesRows;
        var batches = new List<ScanBatch>((batch.RowCount / ScanBatch.Capacity) + 1);
        var row = 0;
        var column = columns.EventColumn;
        try
        {
            for (var sliceStart = 0; sliceStart < batch.RowCount; sliceStart += ScanBatch.Capacity)
            {
                ct.ThrowIfCancellationRequested();
                var scanBatch = spare.TryTake(out var reused) ? reused : new ScanBatch();
                batches.Add(scanBatch);
                var sliceRows = Math.Min(ScanBatch.Capacity, batch.RowCount - sliceStart);
                var (eventAll, createdAll) = scanBatch.Stage();
                ColumnReader.AllTicks(eventColumn, eventType, sliceStart, eventAll.AsSpan(0, sliceRows));
                if (createdColumn is not null)
                    ColumnReader.AllTicks(createdColumn, createdType!, sliceStart, createdAll.AsSpan(0, sliceRows));
                for (var i = 0; i < sliceRows; i++)
                {
                    row = sliceStart + i;
                    column = columns.EventColumn;
                    var eventTicks = eventAll[i];
                    if (eventTicks == ColumnReader.Deferred)
                    {
                        if (eventColumn.IsNull(row))
                            throw new MaterializationException("the event timestamp is null");
                        eventTicks = ColumnReader.Ticks(eventColumn, eventType, row);
                    }

                    column = columns.CreatedColumn ?? column;
                    var createdTicks = createdColumn is null ? SourceRow.NoCreated : createdAll[i];
                    if (createdTicks == ColumnReader.Deferred)
                        createdTicks = createdColumn!.IsNull(row) ? SourceRow.NoCreated : ColumnReader.Ticks(createdColumn, createdType!, row);
                    if (!window.Contains(eventTicks, createdTicks))
                        continue;
                    for (var k = 0; k < parts.Length; k++)
                    {
                        if (keyValidity[k] is { } validity && !validity[row])
                        {
                            column = columns.Keys[k].Column;
                            throw new MaterializationException("the join key is null");
                        }
                    }

                    var reason = hasRowRules ? gate.RowReason(converters, row) : null;
                    // Without quality rules the tally has nothing to count.
                    if (judgesRows)
                        tally.Add(eventTicks, featureColumns, row, reason);
                    if (integerKeys is not null && reason is null)
                    {
                        scanBatch.AddIntegerKey(row, eventTicks, createdTicks, integerKeys[row], int32Key);
                        continue;
                    }

                    for (var k = 0; k < parts.Length; k++)
                    {
                        column = columns.Keys[k].Column;
                        parts[k] = keyReaders[k](row);
                    }

                    keyWriter.ResetWrittenCount();
                    EntityKey.WriteEncoded(keyWriter, parts);
                    scanBatch.Add(row, eventTicks, createdTicks, keyWriter.WrittenSpan, reason);
                }
            }
        }
        catch (MaterializationException e)
        {
            throw new MaterializationException($"view '{LiveView.MaterializationKey(view)}': {file} row {firstRow + row}, column '{column}': {e.Message}", e);
        }

        // Deferred segments hold none of the batch's columns: later row groups decode into its arrays.
        if (deferFeatures)
            buffers.Return(batch);
        return new KeyedRowGroup(segment, batches);
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
