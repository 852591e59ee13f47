using FeatureStore.Online;
using FeatureStore.Parquet;

namespace FeatureStore.Materialization.Source;

/// <summary>
/// Decoded feature columns holding rows of a <see cref="ScannedRows"/> (the view's features, in view order), with one
/// converter per feature bound to its column once, and where each row came from (<see cref="Origin"/>: source file
/// relative to the repo, row in that file) for quarantine files and error messages.
/// </summary>
internal sealed record ScannedSegment(Column[] FeatureColumns, Func<int, FeatureValue>[] Converters, Func<int, (string File, long Row)> Origin)
{
    /// <summary>A row group of a source file: row <c>r</c> is row <c>firstRow + r</c> of <paramref name="file"/>.</summary>
    public static ScannedSegment OfRowGroup(string file, long firstRow, Column[] featureColumns, Func<int, FeatureValue>[] converters) =>
        new(featureColumns, converters, row => (file, firstRow + row));
}
