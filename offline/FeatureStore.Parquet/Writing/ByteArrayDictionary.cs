namespace FeatureStore.Parquet.Writing;

/// <summary>Open-addressing hash set of byte strings, assigning each distinct value a dense index (no per-value allocation).</summary>
internal sealed class ByteArrayDictionary
{
    private readonly GrowableArray<byte> _data = new(1 << 16);
    private readonly GrowableArray<int> _offsets = new();
    private readonly GrowableArray<int> _hashes = new();
    private int[] _buckets = new int[1024];

    public ByteArrayDictionary()
    {
        _offsets.Add(0);
    }

    public int Count => _hashes.Count;

    /// <summary>Size of the PLAIN-encoded dictionary page (4-byte length per entry for BYTE_ARRAY).</summary>
    public long PlainSize(bool lengthPrefixed) => _data.Count + (lengthPrefixed ? 4L * Count : 0);

    public ReadOnlySpan<byte> this[int index]
    {
        get
        {
            var offsets = _offsets.Span;
            return _data.Span[offsets[index]..offsets[index + 1]];
        }
    }

    /// <summary>Gives the storage back to the pool; the dictionary must not be used afterwards.</summary>
    public void Release()
    {
        _data.Release();
        _offsets.Release();
        _hashes.Release();
    }

    public int GetOrAdd(ReadOnlySpan<byte> value)
    {
        var hash = Hash(value);
        var mask = _buckets.Length - 1;
        var bucket = hash & mask;
        var hashes = _hashes.Span;
        while (_buckets[bucket] != 0)
        {
            var candidate = _buckets[bucket] - 1;
            if (hashes[candidate] == hash && this[candidate].SequenceEqual(value))
            {
                return candidate;
            }

            bucket = (bucket + 1) & mask;
        }

        var index = Count;
        value.CopyTo(_data.Append(value.Length));
        _offsets.Add(_data.Count);
        _hashes.Add(hash);
        _buckets[bucket] = index + 1;
        if (Count * 2 > _buckets.Length)
        {
            Rehash();
        }

        return index;
    }

    private static int Hash(ReadOnlySpan<byte> value)
    {
        var hash = new HashCode();
        hash.AddBytes(value);
        return hash.ToHashCode() & int.MaxValue;
    }

    private void Rehash()
    {
        _buckets = new int[_buckets.Length * 2];
        var mask = _buckets.Length - 1;
        var hashes = _hashes.Span;
        for (var i = 0; i < hashes.Length; i++)
        {
            var bucket = hashes[i] & mask;
            while (_buckets[bucket] != 0)
            {
                bucket = (bucket + 1) & mask;
            }

            _buckets[bucket] = i + 1;
        }
    }
}
