using FeatureStore.Materialization.Progress;
using FeatureStore.Materialization.Running;

namespace FeatureStore.Sdk.Online;

/// <summary>Passes the materializer's progress calls on as <see cref="MaterializationProgress"/> reports.</summary>
internal sealed class ProgressReporter(IProgress<MaterializationProgress> progress) : IMaterializationProgress
{
    public void ViewStarted(string view, long rowsRead, long rowsToWrite, int chunks) =>
        progress.Report(new(MaterializationStage.ViewStarted, view) { RowsRead = rowsRead, RowsToWrite = rowsToWrite, Partitions = chunks });

    public void PartitionsResumed(string view, int partitions, long rows) =>
        progress.Report(new(MaterializationStage.PartitionsResumed, view) { Partitions = partitions, RowsWritten = rows });

    public void WindowSpilled(string view, int buckets) =>
        progress.Report(new(MaterializationStage.WindowSpilled, view) { SpillBuckets = buckets });

    public void RowsWritten(string view, long writtenSoFar, long rowsToWrite) =>
        progress.Report(new(MaterializationStage.RowsWritten, view) { RowsWritten = writtenSoFar, RowsToWrite = rowsToWrite });

    public void ChunkDone(string view, int chunk, int chunks, DateTimeOffset chunkStart, long rowsWritten, long rowsSkippedOlder, long rowsRejected) =>
        progress.Report(new(MaterializationStage.PartitionDone, view)
        {
            Partition = chunk,
            Partitions = chunks,
            WindowStart = chunkStart,
            RowsWritten = rowsWritten,
            RowsSkippedOlder = rowsSkippedOlder,
            RowsRejected = rowsRejected,
        });

    public void ViewFinished(ViewMaterializationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        progress.Report(new(MaterializationStage.ViewFinished, result.View) { Result = result });
    }
}
