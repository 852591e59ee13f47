using FeatureStore.Materialization.Source;

namespace FeatureStore.Materialization.Planning;

/// <summary>A row the quality gate rejected: its gate bucket and place in the window's read order (to list rejects in a stable order), the row and the reason.</summary>
internal sealed record BadRow(long Bucket, long Sequence, SourceRow Row, string Reason);
