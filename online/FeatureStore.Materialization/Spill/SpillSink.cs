using FeatureStore.Materialization.Source;
using FeatureStore.Registry.Model;

namespace FeatureStore.Materialization.Spill;

/// <summary>
/// Routes a scan's window rows into one spill file per entity bucket (FNV-1a of the key bytes modulo the bucket count),
/// so every row of an entity lands in the same bucket and each bucket can be planned on its own. Rows keep their order
/// within a bucket and carry their sequence number in the whole window's read order.
/// </summary>
internal sealed class SpillSink : IScanSink, IDisposable
{
    private readonly SpillWriter[] writers;
    private readonly SpillFiles files;
    private ScannedSegment? segment;
    private long sequence;

    public SpillSink(SpillDirectory directory, int buckets, IReadOnlyList<FeatureType> types, SpillFiles files)
    {
        this.files = files;
        Paths = [.. Enumerable.Range(0, buckets).Select(b => directory.File($"bucket-{b:D4}.rows"))];
        writers = new SpillWriter[buckets];
        for (var b = 0; b < buckets; b++)
            writers[b] = new SpillWriter(Paths[b], types);
    }

    public IReadOnlyList<string> Paths { get; }

    public long Rows => sequence;

    public void AddSegment(ScannedSegment segment) => this.segment = segment;

    public void Add(ScanBatch batch)
    {
        var rows = batch.Rows;
        var hashes = batch.Hashes;
        for (var i = 0; i < rows.Length; i++)
        {
            var row = rows[i];
            var (file, fileRow) = segment!.Origin(row);
            writers[(int)(hashes[i] % (uint)writers.Length)].Write(
                batch.Key(i), batch.EventTicks[i], batch.CreatedTicks[i], sequence++, files.IndexOf(file), fileRow, batch.Reason(i), segment.Converters, row);
        }
    }

    /// <summary>Flushes and closes every bucket file.</summary>
    public void Dispose()
    {
        foreach (var writer in writers)
            writer?.Dispose();
    }
}
