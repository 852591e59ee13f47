using System.Buffers;
using System.Runtime.CompilerServices;

namespace FeatureStore.Parquet.Writing;

/// <summary>
/// An append-only buffer of unmanaged values on arrays rented from <see cref="ArrayPool{T}.Shared"/> (cleared between
/// pages, never shrunk). <see cref="Release"/> gives the storage back when the owner is done, so the next column chunk
/// reuses it instead of touching fresh memory. Spans taken from it are stale once it grows.
/// </summary>
internal sealed class GrowableArray<T>
    where T : unmanaged
{
    private T[] _items;

    public GrowableArray(int capacity = 1024)
    {
        _items = ArrayPool<T>.Shared.Rent(Math.Max(capacity, 16));
    }

    public int Count { get; private set; }

    public Span<T> Span => _items.AsSpan(0, Count);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(T item)
    {
        if (Count == _items.Length)
        {
            Grow(Count + 1);
        }

        _items[Count++] = item;
    }

    /// <summary>Reserves <paramref name="count"/> slots at the end and returns them for the caller to fill.</summary>
    public Span<T> Append(int count)
    {
        if (Count + count > _items.Length)
        {
            Grow(Count + count);
        }

        var span = _items.AsSpan(Count, count);
        Count += count;
        return span;
    }

    public void Clear() => Count = 0;

    /// <summary>Returns the storage to the pool and empties the buffer (it rents again if used afterwards).</summary>
    public void Release()
    {
        ReturnStorage();
        _items = [];
        Count = 0;
    }

    private void Grow(int needed)
    {
        var bigger = ArrayPool<T>.Shared.Rent(Math.Max(needed, (int)Math.Min((long)_items.Length * 2, Array.MaxLength)));
        _items.AsSpan(0, Count).CopyTo(bigger);
        ReturnStorage();
        _items = bigger;
    }

    // The empty array a released buffer holds was never rented.
    private void ReturnStorage()
    {
        if (_items.Length > 0)
        {
            ArrayPool<T>.Shared.Return(_items);
        }
    }
}
