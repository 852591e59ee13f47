using System.Runtime.CompilerServices;

namespace FeatureStore.Parquet.Writing;

/// <summary>A reusable append-only buffer of unmanaged values (cleared between pages, never shrunk).</summary>
internal sealed class GrowableArray<T>
    where T : unmanaged
{
    private T[] _items;

    public GrowableArray(int capacity = 1024)
    {
        _items = new T[Math.Max(capacity, 16)];
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

    private void Grow(int needed)
    {
        var size = Math.Max(needed, (int)Math.Min((long)_items.Length * 2, Array.MaxLength));
        Array.Resize(ref _items, size);
    }
}
