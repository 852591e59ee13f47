using FeatureStore.Parquet;

namespace FeatureStore.Offline;

/// <summary>
/// The output Parquet's column chunks, each encoded on the thread pool as soon as its values exist: the spine's right after
/// it is read, a view's features right after they are gathered. The writer then only appends bytes, so encoding overlaps
/// the join instead of following it. One row group per <see cref="Options"/>.RowGroupSize rows.
/// </summary>
internal sealed class OutputChunks
{
    // A small dictionary limit keeps low-cardinality columns (statuses, categories) dictionary-encoded and makes
    // high-cardinality ones (most numeric features) give up on the dictionary early: 30% faster, smaller files.
    public static readonly ParquetWriteOptions Options = new() { RowGroupSize = 1 << 20, DictionaryPageSizeLimit = 64 << 10 };

    private readonly ParquetSchema _schema;
    private readonly int _rows;
    private readonly int _spineColumns;
    private readonly int _featureCount;
    private readonly Task<EncodedColumnChunk>?[][] _tasks;

    /// <summary>Chunks for <paramref name="schema"/> as laid out by <see cref="TrainingSetSchema"/>.</summary>
    public OutputChunks(ParquetSchema schema, int rows, int spineColumns, int featureCount)
    {
        _schema = schema;
        _rows = rows;
        _spineColumns = spineColumns;
        _featureCount = featureCount;
        var rowGroups = (rows + Options.RowGroupSize - 1) / Options.RowGroupSize;
        _tasks = [.. Enumerable.Range(0, rowGroups).Select(_ => new Task<EncodedColumnChunk>?[schema.Count])];
    }

    public void StartSpine(RecordBatch spine)
    {
        for (var c = 0; c < spine.Columns.Count; c++)
        {
            var column = spine.Columns[c];
            Start(c, (start, count) => ColumnSlicer.Slice(column, start, count));
        }
    }

    /// <summary>Starts a view's feature columns (and their status columns when asked); the first is the output's feature number <paramref name="firstFeature"/>.</summary>
    public void StartFeatures(int firstFeature, IReadOnlyList<FeatureColumn> features, bool statusColumns)
    {
        for (var j = 0; j < features.Count; j++)
        {
            var feature = features[j];
            Start(_spineColumns + firstFeature + j, feature.Values.Slice);
            if (statusColumns)
            {
                Start(_spineColumns + _featureCount + firstFeature + j, (start, count) => TrainingSetSchema.StatusColumn(feature.Statuses, start, count));
            }
        }
    }

    /// <summary>Starts encoding output column <paramref name="column"/>; <paramref name="slice"/>(start, count) gives its rows.</summary>
    private void Start(int column, Func<int, int, Column> slice)
    {
        for (var g = 0; g < _tasks.Length; g++)
        {
            var start = g * Options.RowGroupSize;
            var count = Math.Min(Options.RowGroupSize, _rows - start);
            _tasks[g][column] = Task.Run(() => ParquetFileWriter.EncodeColumnChunk(_schema, Options, column, slice(start, count)));
        }
    }

    /// <summary>Each row group's chunks in schema order, waiting for those still encoding.</summary>
    public IEnumerable<IReadOnlyList<EncodedColumnChunk>> RowGroups(CancellationToken cancellationToken)
    {
        foreach (var tasks in _tasks)
        {
            var chunks = new EncodedColumnChunk[tasks.Length];
            for (var c = 0; c < tasks.Length; c++)
            {
                var task = tasks[c] ?? throw new InvalidOperationException($"output column {c} was never encoded");
                Task.WaitAny([task], cancellationToken);
                chunks[c] = task.GetAwaiter().GetResult();
            }

            yield return chunks;
        }
    }
}
