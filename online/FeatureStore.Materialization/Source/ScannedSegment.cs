using FeatureStore.Online;
using FeatureStore.Parquet;

namespace FeatureStore.Materialization.Source;

/// <summary>
/// Decoded feature columns holding rows of a <see cref="ScannedRows"/> (the view's features, in view order), with one
/// converter per feature bound to its column once, and where each row came from (<see cref="Origin"/>: source file
/// relative to the repo, row in that file) for quarantine files and error messages. The features of a row group may be
/// deferred: each column is decoded on first use (or by <see cref="LoadFeature"/>), so a row group none of whose rows win
/// is never decoded.
/// </summary>
internal sealed class ScannedSegment
{
    private readonly Func<int, (Column Column, Func<int, FeatureValue> Converter)>? load;
    private readonly ColumnBufferPool? buffers;
    private readonly Column?[] columns;
    private readonly Func<int, FeatureValue>?[] converters;
    private readonly Lock loading = new();
    private volatile Decoded? features;

    public ScannedSegment(Column[] featureColumns, Func<int, FeatureValue>[] converters, Func<int, (string File, long Row)> origin)
    {
        columns = featureColumns;
        this.converters = converters;
        features = new Decoded(featureColumns, converters);
        Origin = origin;
    }

    private ScannedSegment(
        int featureCount, Func<int, (Column, Func<int, FeatureValue>)> load, ColumnBufferPool? buffers, Func<int, (string File, long Row)> origin)
    {
        this.load = load;
        this.buffers = buffers;
        columns = new Column?[featureCount];
        converters = new Func<int, FeatureValue>?[featureCount];
        Origin = origin;
    }

    public Column[] FeatureColumns => Features().Columns;

    public Func<int, FeatureValue>[] Converters => Features().Converters;

    public Func<int, (string File, long Row)> Origin { get; }

    /// <summary>Features of the view: what <see cref="LoadFeature"/> takes.</summary>
    public int FeatureCount => columns.Length;

    /// <summary>A row group of a source file: row <c>r</c> is row <c>firstRow + r</c> of <paramref name="file"/>.</summary>
    public static ScannedSegment OfRowGroup(string file, long firstRow, Column[] featureColumns, Func<int, FeatureValue>[] converters) =>
        new(featureColumns, converters, row => (file, firstRow + row));

    /// <summary>
    /// A row group whose feature <c>f</c> <paramref name="load"/> decodes (with its converter) when first needed;
    /// <see cref="Release"/> gives the decoded columns' arrays to <paramref name="buffers"/>.
    /// </summary>
    public static ScannedSegment Deferred(
        string file, long firstRow, int featureCount, Func<int, (Column, Func<int, FeatureValue>)> load, ColumnBufferPool? buffers = null) =>
        new(featureCount, load, buffers, row => (file, firstRow + row));

    /// <summary>Decodes deferred feature <paramref name="feature"/> now (a no-op when it is decoded); features may be loaded in parallel.</summary>
    public void LoadFeature(int feature)
    {
        lock (loading)
        {
            if (columns[feature] is not null)
                return;
        }

        var (column, converter) = load!(feature);
        lock (loading)
        {
            columns[feature] ??= column;
            converters[feature] ??= converter;
        }
    }

    /// <summary>
    /// Drops the decoded columns of a deferred segment (they are decoded again if used), giving their arrays to the pool;
    /// a segment decoded while it was read keeps them. Nothing may still read the dropped columns.
    /// </summary>
    public void Release()
    {
        if (load is null)
            return;
        lock (loading)
        {
            foreach (var column in columns)
            {
                if (column is not null)
                    buffers?.Return(column);
            }

            features = null;
            Array.Clear(columns);
            Array.Clear(converters);
        }
    }

    private Decoded Features()
    {
        if (features is { } decoded)
            return decoded;
        for (var f = 0; f < columns.Length; f++)
            LoadFeature(f);
        lock (loading)
            return features ??= new Decoded([.. columns.Select(c => c!)], [.. converters.Select(c => c!)]);
    }

    private sealed record Decoded(Column[] Columns, Func<int, FeatureValue>[] Converters);
}
