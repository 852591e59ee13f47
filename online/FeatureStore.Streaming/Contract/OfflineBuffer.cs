using FeatureStore.Online;

namespace FeatureStore.Streaming;

/// <summary>
/// Records of one (data source, topic, partition) written online by <see cref="StreamIngestor.WriteOnlineAsync"/> and
/// waiting for <see cref="StreamIngestor.AppendOffline"/>, in the order added. Kept column by column in chunks of under
/// 85,000 bytes, with no object per record: a buffer of 100,000 records is a few hundred arrays the garbage collector
/// copies in bulk, not 200,000 objects it traces and promotes one by one, and it never lands on the large object heap.
/// Not thread-safe.
/// </summary>
public sealed class OfflineBuffer
{
    private const int ChunkBytes = 80_000;
    private const int LongsPerRow = 3;

    private readonly List<FeatureValue[]> valueChunks = [];
    private readonly List<long[]> positionChunks = [];
    private int columns = -1;
    private int chunkRows;

    /// <summary>The data source of the records (null while empty).</summary>
    public string? DataSource { get; private set; }

    /// <summary>The topic of the records (null while empty).</summary>
    public string? Topic { get; private set; }

    public int Partition { get; private set; }

    public int Count { get; private set; }

    /// <summary>Adds a record; it must be of the data source, topic and partition of those added before.</summary>
    public void Add(AcceptedRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (columns < 0)
        {
            DataSource = record.DataSource;
            Topic = record.Position.Topic;
            Partition = record.Position.Partition;
            columns = record.OfflineValues.Length;
            chunkRows = Math.Max(16, ChunkBytes / Math.Max(1, columns * 24));
        }
        else if (!string.Equals(record.DataSource, DataSource, StringComparison.Ordinal) || record.Position.Partition != Partition
                 || !string.Equals(record.Position.Topic, Topic, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"record {record.Position} of data source '{record.DataSource}' does not belong in a buffer of data source '{DataSource}', {Topic}[{Partition}]", nameof(record));
        }

        var inChunk = Count % chunkRows;
        if (inChunk == 0)
        {
            valueChunks.Add(new FeatureValue[chunkRows * columns]);
            positionChunks.Add(new long[chunkRows * LongsPerRow]);
        }

        record.OfflineValues.AsSpan().CopyTo(valueChunks[^1].AsSpan(inChunk * columns, columns));
        var positions = positionChunks[^1].AsSpan(inChunk * LongsPerRow, LongsPerRow);
        positions[0] = record.Position.Offset;
        positions[1] = record.EventTime.UtcTicks;
        positions[2] = record.IngestedAt.UtcTicks;
        Count++;
    }

    public void AddRange(IEnumerable<AcceptedRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        foreach (var record in records)
            Add(record);
    }

    internal int Columns => columns;

    internal long OffsetAt(int row) => positionChunks[row / chunkRows][row % chunkRows * LongsPerRow];

    internal long EventTicksAt(int row) => positionChunks[row / chunkRows][row % chunkRows * LongsPerRow + 1];

    internal long IngestedTicksAt(int row) => positionChunks[row / chunkRows][row % chunkRows * LongsPerRow + 2];

    internal FeatureValue ValueAt(int row, int column) => valueChunks[row / chunkRows][row % chunkRows * columns + column];
}
