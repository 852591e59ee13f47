using FeatureStore.Online;
using FeatureStore.Parquet;

namespace FeatureStore.Materialization.Source;

/// <summary>
/// The decoded columns of one row group a scan kept (the view's features, in view order), with the file
/// (relative to the repo) and the file row of its first row, so rows are converted to values only when needed
/// (through <see cref="Converters"/>, one per feature, bound to its column once).
/// </summary>
internal sealed record ScannedSegment(string File, long FirstRow, Column[] FeatureColumns, Func<int, FeatureValue>[] Converters);
