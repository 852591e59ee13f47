namespace FeatureStore.Materialization.Source;

/// <summary>Receives a scan's window rows: a segment (a row group), then the batch of its rows that are in the window.</summary>
internal interface IScanSink
{
    void AddSegment(ScannedSegment segment);

    /// <summary>Rows of the last segment (<paramref name="batch"/> is valid only during the call).</summary>
    void Add(ScanBatch batch);

    /// <summary>All rows of the last segment, in batches (valid only during the call): each batch in turn unless the sink does better with them together.</summary>
    void AddAll(IReadOnlyList<ScanBatch> batches)
    {
        foreach (var batch in batches)
            Add(batch);
    }
}
