using System.Diagnostics;
using System.Globalization;
using FeatureStore.Materialization.Running;

namespace FeatureStore.Materialization.Progress;

/// <summary>
/// Progress on a text writer. Interactive (a terminal): one line per view redrawn in place with rows/s and ETA.
/// Otherwise (redirected, CI logs): a plain line per entity partition (unless <paramref name="chunkLines"/> is false) and per view.
/// </summary>
public sealed class ConsoleProgress(TextWriter output, bool interactive, bool chunkLines = true) : IMaterializationProgress
{
    private readonly Stopwatch clock = new();
    private long lastDrawMs = -1000;

    public void ViewStarted(string view, long rowsRead, long rowsToWrite, int chunks)
    {
        clock.Restart();
        lastDrawMs = -1000;
        output.WriteLine(Invariant($"{view}: {rowsRead} rows read, {rowsToWrite} to write in {chunks} partition(s)"));
    }

    public void PartitionsResumed(string view, int partitions, long rows) =>
        output.WriteLine(Invariant($"{view}: resuming: {partitions} partition(s) ({rows} rows) already written by an interrupted run of the same request"));

    public void WindowSpilled(string view, int buckets) =>
        output.WriteLine(Invariant($"{view}: window above the memory budget: planned from {buckets} entity buckets spilled to disk"));

    public void RowsWritten(string view, long writtenSoFar, long rowsToWrite)
    {
        if (!interactive || (clock.ElapsedMilliseconds - lastDrawMs < 200 && writtenSoFar < rowsToWrite))
            return;
        lastDrawMs = clock.ElapsedMilliseconds;
        var seconds = Math.Max(clock.Elapsed.TotalSeconds, 0.001);
        var rate = writtenSoFar / seconds;
        var eta = rate > 0 ? TimeSpan.FromSeconds((rowsToWrite - writtenSoFar) / rate) : TimeSpan.Zero;
        var fraction = rowsToWrite == 0 ? 1 : (double)writtenSoFar / rowsToWrite;
        var bar = new string('#', (int)(fraction * 30)).PadRight(30, '.');
        output.Write(Invariant($"\r{view} [{bar}] {writtenSoFar}/{rowsToWrite} {rate:0} rows/s ETA {eta:hh\\:mm\\:ss}   "));
        output.Flush();
    }

    public void ChunkDone(string view, int chunk, int chunks, DateTimeOffset chunkStart, long rowsWritten, long rowsSkippedOlder, long rowsRejected)
    {
        if (interactive || !chunkLines)
            return;
        output.WriteLine(Invariant(
            $"{view}: partition {chunk}/{chunks} written {rowsWritten}, skipped as older {rowsSkippedOlder}"));
    }

    public void ViewFinished(ViewMaterializationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (interactive)
            output.WriteLine();
        var newest = result.NewestEventWritten is { } n ? n.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) : "-";
        var status = result.Succeeded ? "done" : "FAILED";
        output.WriteLine(
            Invariant($"{result.View}: {status} read {result.RowsRead}, written {result.RowsWritten}, skipped as older {result.RowsSkippedOlder}, ") +
            Invariant($"quarantined {result.RowsQuarantined}, warned {result.RowsWarned}, newest event {newest}, {result.Duration.TotalSeconds:0.0}s"));
        if (result.QuarantineFile is { } file)
            output.WriteLine($"{result.View}: quarantined rows in {file}");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
