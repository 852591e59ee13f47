using FeatureStore.Materialization.Progress;
using FeatureStore.Sdk.Online;

namespace FeatureStore.Cli.Commands;

/// <summary>Prints the SDK's materialization progress reports as they arrive (synchronously, in order) with <see cref="ConsoleProgress"/>.</summary>
internal sealed class ConsoleMaterializationProgress(ConsoleProgress console) : IProgress<MaterializationProgress>
{
    public void Report(MaterializationProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        switch (value.Stage)
        {
            case MaterializationStage.ViewStarted:
                console.ViewStarted(value.View, value.RowsRead, value.RowsToWrite, value.Partitions);
                break;
            case MaterializationStage.PartitionsResumed:
                console.PartitionsResumed(value.View, value.Partitions, value.RowsWritten);
                break;
            case MaterializationStage.WindowSpilled:
                console.WindowSpilled(value.View, value.SpillBuckets);
                break;
            case MaterializationStage.RowsWritten:
                console.RowsWritten(value.View, value.RowsWritten, value.RowsToWrite);
                break;
            case MaterializationStage.PartitionDone:
                console.ChunkDone(value.View, value.Partition, value.Partitions, value.WindowStart ?? default, value.RowsWritten, value.RowsSkippedOlder, value.RowsRejected);
                break;
            case MaterializationStage.ViewFinished when value.Result is { } result:
                console.ViewFinished(result);
                break;
        }
    }
}
