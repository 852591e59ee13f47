using FeatureStore.Online;

namespace FeatureStore.Materialization.Source;

/// <summary>Receives a scan's window rows: a segment (decoded row group), then the rows of it that are in the window.</summary>
internal interface IScanSink
{
    void AddSegment(ScannedSegment segment);

    /// <summary>Row <paramref name="row"/> of the last segment, with its key parts and the per-row quality rule it broke (or null).</summary>
    void Add(int row, long eventTicks, long createdTicks, ReadOnlySpan<FeatureValue> keyParts, string? reason);
}
