using System.Runtime.InteropServices;

namespace FeatureStore.Offline;

/// <summary>
/// Feature rows bucketed by <c>key % Partitions</c>, stored in fixed-size chunks so memory follows the rows actually kept.
/// With one partition everything stays in memory; with more, a bucket whose chunks exceed its share of the budget is
/// appended to its own temp file, so the working set stays bounded and partitions are joined one at a time.
/// </summary>
internal sealed class PartitionedRows : IDisposable
{
    public const int RowBytes = 32;

    private readonly List<FeatureRow[]>[] _chunks;
    private readonly int[] _lastChunkCount;
    private readonly long[] _spilledRows;
    private readonly long _maxBufferedRows;
    private readonly int _chunkRows;
    private readonly string? _spillDirectory;

    public PartitionedRows(int partitions, long budgetBytes, string tempDirectory)
    {
        Partitions = partitions;
        _chunks = new List<FeatureRow[]>[partitions];
        _lastChunkCount = new int[partitions];
        _spilledRows = new long[partitions];
        var share = budgetBytes / 2 / RowBytes / partitions;
        _chunkRows = partitions == 1 ? 1 << 16 : (int)Math.Clamp(share / 4, 256, 1 << 16);
        _maxBufferedRows = partitions == 1 ? long.MaxValue : Math.Max(_chunkRows, share);
        for (var p = 0; p < partitions; p++)
        {
            _chunks[p] = [];
            _lastChunkCount[p] = _chunkRows;
        }

        if (partitions > 1)
        {
            _spillDirectory = Path.Combine(tempDirectory, $"featurestore-pit-{Guid.NewGuid():N}");
            Directory.CreateDirectory(_spillDirectory);
        }
    }

    public int Partitions { get; }

    public long SpilledBytes { get; private set; }

    public void Add(ReadOnlySpan<FeatureRow> rows)
    {
        if (Partitions == 1)
        {
            while (!rows.IsEmpty)
            {
                var free = Free(0);
                var take = Math.Min(free.Length, rows.Length);
                rows[..take].CopyTo(free);
                _lastChunkCount[0] += take;
                rows = rows[take..];
            }

            return;
        }

        foreach (ref readonly var row in rows)
        {
            var p = row.Key % Partitions;
            var free = Free(p);
            free[0] = row;
            _lastChunkCount[p]++;
        }
    }

    /// <summary>All rows of one partition (spilled and buffered) as segments, in no particular order; the partition's memory is handed over.</summary>
    public List<ArraySegment<FeatureRow>> Take(int partition)
    {
        var segments = new List<ArraySegment<FeatureRow>>();
        var spilled = _spilledRows[partition];
        if (spilled > 0)
        {
            var rows = new FeatureRow[checked((int)spilled)];
            using (var file = File.OpenRead(SpillPath(partition)))
            {
                file.ReadExactly(MemoryMarshal.AsBytes(rows.AsSpan()));
            }

            File.Delete(SpillPath(partition));
            segments.Add(rows);
        }

        var chunks = _chunks[partition];
        for (var i = 0; i < chunks.Count; i++)
        {
            segments.Add(new ArraySegment<FeatureRow>(chunks[i], 0, i == chunks.Count - 1 ? _lastChunkCount[partition] : _chunkRows));
        }

        _chunks[partition] = [];
        return segments;
    }

    public void Dispose()
    {
        if (_spillDirectory is not null && Directory.Exists(_spillDirectory))
        {
            Directory.Delete(_spillDirectory, recursive: true);
        }
    }

    // The free tail of the partition's last chunk, after spilling or starting a chunk when needed.
    private Span<FeatureRow> Free(int partition)
    {
        var chunks = _chunks[partition];
        if (_lastChunkCount[partition] == _chunkRows)
        {
            if ((long)chunks.Count * _chunkRows >= _maxBufferedRows)
            {
                Spill(partition);
            }

            chunks.Add(new FeatureRow[_chunkRows]);
            _lastChunkCount[partition] = 0;
        }

        return chunks[^1].AsSpan(_lastChunkCount[partition]);
    }

    private void Spill(int partition)
    {
        using (var file = new FileStream(SpillPath(partition), FileMode.Append, FileAccess.Write, FileShare.None, 1 << 16))
        {
            foreach (var chunk in _chunks[partition])
            {
                file.Write(MemoryMarshal.AsBytes(chunk.AsSpan()));
            }
        }

        var rows = (long)_chunks[partition].Count * _chunkRows;
        SpilledBytes += rows * RowBytes;
        _spilledRows[partition] += rows;
        _chunks[partition].Clear();
    }

    private string SpillPath(int partition) => Path.Combine(_spillDirectory!, $"p{partition}.bin");
}
