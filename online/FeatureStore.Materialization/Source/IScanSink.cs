using FeatureStore.Online;

namespace FeatureStore.Materialization.Source;

/// <summary>Receives a scan's window rows: a segment (decoded row group), then the rows of it that are in the window.</summary>
internal interface IScanSink
{
    void AddSegment(ScannedSegment segment);

    /// <summary>
    /// Row <paramref name="row"/> of the last segment, with its entity key's canonical bytes (<see cref="EntityKey.Encoded"/>;
    /// valid only during the call) and the per-row quality rule it broke (or null).
    /// </summary>
    void Add(int row, long eventTicks, long createdTicks, ReadOnlySpan<byte> key, string? reason);
}
