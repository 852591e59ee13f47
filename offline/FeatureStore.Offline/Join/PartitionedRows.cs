using System.Runtime.InteropServices;

namespace FeatureStore.Offline;

/// <summary>
/// Feature rows bucketed by <c>key % Partitions</c>. With one partition everything stays in memory; with more, each bucket
/// has a bounded buffer that is appended to its own temp file when full, so the working set stays within the budget and
/// partitions are joined one at a time.
/// </summary>
internal sealed class PartitionedRows : IDisposable
{
    public const int RowBytes = 40;

    private readonly FeatureRow[][] _buffers;
    private readonly int[] _counts;
    private readonly long[] _spilledRows;
    private readonly string? _spillDirectory;

    public PartitionedRows(int partitions, long estimatedRows, long budgetBytes, string tempDirectory)
    {
        Partitions = partitions;
        _buffers = new FeatureRow[partitions][];
        _counts = new int[partitions];
        _spilledRows = new long[partitions];
        var capacity = partitions == 1
            ? (int)Math.Min(Math.Max(estimatedRows, 16), Array.MaxLength)
            : (int)Math.Clamp(budgetBytes / 2 / RowBytes / partitions, 256, 1 << 24);
        for (var p = 0; p < partitions; p++)
        {
            _buffers[p] = new FeatureRow[partitions == 1 ? capacity : Math.Min(capacity, 4096)];
        }

        if (partitions > 1)
        {
            _spillDirectory = Path.Combine(tempDirectory, $"featurestore-pit-{Guid.NewGuid():N}");
            Directory.CreateDirectory(_spillDirectory);
        }

        MaxBuffer = capacity;
    }

    public int Partitions { get; }

    public long SpilledBytes { get; private set; }

    private int MaxBuffer { get; }

    public void Add(ReadOnlySpan<FeatureRow> rows)
    {
        foreach (ref readonly var row in rows)
        {
            var p = Partitions == 1 ? 0 : row.Key % Partitions;
            var buffer = _buffers[p];
            if (_counts[p] == buffer.Length)
            {
                if (buffer.Length < MaxBuffer)
                {
                    Array.Resize(ref _buffers[p], (int)Math.Min((long)buffer.Length * 2, MaxBuffer));
                }
                else
                {
                    Spill(p);
                }

                buffer = _buffers[p];
            }

            buffer[_counts[p]++] = row;
        }
    }

    /// <summary>All rows of one partition (spilled and buffered), in no particular order; the partition's buffer is released.</summary>
    public FeatureRow[] Take(int partition, out int count)
    {
        var spilled = _spilledRows[partition];
        count = checked((int)(spilled + _counts[partition]));
        if (spilled == 0)
        {
            var buffer = _buffers[partition];
            _buffers[partition] = [];
            return buffer;
        }

        var rows = new FeatureRow[count];
        using (var file = File.OpenRead(SpillPath(partition)))
        {
            file.ReadExactly(MemoryMarshal.AsBytes(rows.AsSpan(0, (int)spilled)));
        }

        _buffers[partition].AsSpan(0, _counts[partition]).CopyTo(rows.AsSpan((int)spilled));
        _buffers[partition] = [];
        File.Delete(SpillPath(partition));
        return rows;
    }

    public void Dispose()
    {
        if (_spillDirectory is not null && Directory.Exists(_spillDirectory))
        {
            Directory.Delete(_spillDirectory, recursive: true);
        }
    }

    private void Spill(int partition)
    {
        var bytes = MemoryMarshal.AsBytes(_buffers[partition].AsSpan(0, _counts[partition]));
        using (var file = new FileStream(SpillPath(partition), FileMode.Append, FileAccess.Write, FileShare.None, 1 << 16))
        {
            file.Write(bytes);
        }

        SpilledBytes += bytes.Length;
        _spilledRows[partition] += _counts[partition];
        _counts[partition] = 0;
    }

    private string SpillPath(int partition) => Path.Combine(_spillDirectory!, $"p{partition}.bin");
}
