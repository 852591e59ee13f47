using FeatureStore.Parquet;

namespace FeatureStore.Offline;

/// <summary>
/// A built training set in memory: the spine's columns followed by the feature columns (and status columns when asked),
/// one row per spine row in input order. <see cref="Batches"/> slices it for writing or streaming.
/// </summary>
public sealed class TrainingSet
{
    private readonly SpineTable _spine;
    private readonly IReadOnlyList<FeatureColumn> _features;

    internal TrainingSet(TrainingSetRequest request, SpineTable spine, IReadOnlyList<ResolvedView> views, IReadOnlyList<FeatureColumn> features, IReadOnlyList<SourceFileRecord> sourceFiles, IReadOnlyList<ViewStatistics> statistics)
    {
        Request = request;
        _spine = spine;
        Views = views;
        _features = features;
        SourceFiles = sourceFiles;
        Statistics = statistics;
        var fields = spine.Batch.Schema.Fields.ToList();
        fields.AddRange(features.Select(f => new ParquetField(f.Feature.OutputName, FeatureValues.OutputType(f.Feature.Definition.Type))));
        if (request.StatusColumns)
        {
            fields.AddRange(features.Select(f => new ParquetField(f.Feature.StatusName, ParquetType.String, Nullable: false)));
        }

        Schema = new ParquetSchema(fields);
    }

    public TrainingSetRequest Request { get; }

    /// <summary>The registry project the features came from.</summary>
    public string Project { get; init; } = string.Empty;

    internal FingerprintTask? Fingerprints { get; init; }

    public ParquetSchema Schema { get; }

    public int RowCount => _spine.RowCount;

    public IReadOnlyList<SourceFileRecord> SourceFiles { get; }

    public IReadOnlyList<ViewStatistics> Statistics { get; }

    internal IReadOnlyList<ResolvedView> Views { get; }

    internal IReadOnlyList<FeatureColumn> Features => _features;

    /// <summary>Output column names of the features, in order.</summary>
    public IReadOnlyList<string> FeatureColumns => [.. _features.Select(f => f.Feature.OutputName)];

    /// <summary>How many rows of each feature (by output column) ended with each status.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<FeatureStatus, long>> StatusCounts()
    {
        var result = new Dictionary<string, IReadOnlyDictionary<FeatureStatus, long>>(StringComparer.Ordinal);
        foreach (var feature in _features)
        {
            var counts = FeatureStatuses.All.ToDictionary(s => s, _ => 0L);
            foreach (var status in feature.Statuses)
            {
                counts[status]++;
            }

            result[feature.Feature.OutputName] = counts;
        }

        return result;
    }

    /// <summary>The rows in input order, <paramref name="batchRows"/> at a time (one empty batch for an empty spine).</summary>
    public IEnumerable<RecordBatch> Batches(int batchRows = 65_536)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchRows);
        if (RowCount == 0)
        {
            yield return Slice(0, 0);
            yield break;
        }

        for (var start = 0; start < RowCount; start += batchRows)
        {
            yield return Slice(start, Math.Min(batchRows, RowCount - start));
        }
    }

    private RecordBatch Slice(int start, int count)
    {
        var columns = new List<Column>();
        columns.AddRange(_spine.Batch.Columns.Select(c => ColumnSlicer.Slice(c, start, count)));
        columns.AddRange(_features.Select(f => f.Values.Slice(start, count)));
        if (Request.StatusColumns)
        {
            columns.AddRange(_features.Select(f => (Column)BinaryColumn.FromStrings([.. f.Statuses.AsSpan(start, count).ToArray().Select(s => (string?)s.Name())])));
        }

        return new RecordBatch(Schema, columns, count);
    }
}
