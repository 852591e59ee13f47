using System.Buffers;

namespace FeatureStore.Parquet.Writing;

/// <summary>
/// The encoded pages of one column chunk, held in segments rented from <see cref="ArrayPool{T}.Shared"/> (64 KiB first,
/// doubling up to 4 MiB) and given back once the chunk is in the file. One growing contiguous buffer would copy the
/// chunk at every doubling and touch fresh memory, a page fault per 4 KiB, for every chunk of every file.
/// </summary>
internal sealed class ChunkBytes
{
    private const int FirstSegmentBytes = 64 << 10;
    private const int MaxSegmentBytes = 4 << 20;

    private readonly List<byte[]> _segments = [];
    private int _lastUsed;

    public long Length { get; private set; }

    /// <summary>Whether <see cref="Release"/> ran: the bytes are gone.</summary>
    public bool Released { get; private set; }

    public void Write(ReadOnlySpan<byte> data)
    {
        ObjectDisposedException.ThrowIf(Released, this);
        while (!data.IsEmpty)
        {
            if (_segments.Count == 0 || _lastUsed == _segments[^1].Length)
            {
                var size = _segments.Count == 0 ? FirstSegmentBytes : Math.Min(_segments[^1].Length * 2, MaxSegmentBytes);
                _segments.Add(ArrayPool<byte>.Shared.Rent(size));
                _lastUsed = 0;
            }

            var segment = _segments[^1];
            var n = Math.Min(data.Length, segment.Length - _lastUsed);
            data[..n].CopyTo(segment.AsSpan(_lastUsed));
            _lastUsed += n;
            Length += n;
            data = data[n..];
        }
    }

    public void CopyTo(Stream stream)
    {
        ObjectDisposedException.ThrowIf(Released, this);
        for (var s = 0; s < _segments.Count; s++)
        {
            stream.Write(_segments[s], 0, s == _segments.Count - 1 ? _lastUsed : _segments[s].Length);
        }
    }

    /// <summary>Gives the segments back to the pool; the bytes cannot be read afterwards.</summary>
    public void Release()
    {
        if (Released)
        {
            return;
        }

        Released = true;
        foreach (var segment in _segments)
        {
            ArrayPool<byte>.Shared.Return(segment);
        }

        _segments.Clear();
    }
}
