using System.Runtime.CompilerServices;

namespace FeatureStore.Parquet.Writing;

/// <summary>
/// The dictionary of a 4- or 8-byte column chunk: each distinct value gets a dense index in insertion order. Values are
/// keyed by bit pattern, so -0.0 stays apart from 0.0 and NaN payloads are kept. Open addressing with linear probing on a
/// multiplicative hash of the bits: one multiply and usually one probe per value, where a <c>Dictionary</c> with a
/// bitwise comparer pays an interface call and a byte-wise hash.
/// </summary>
internal sealed class FixedWidthDictionary<T>
    where T : unmanaged
{
    private readonly GrowableArray<T> _values = new();
    private int[] _slots = new int[1024];
    private int _shift = 64 - 10;

    public FixedWidthDictionary()
    {
        if (Unsafe.SizeOf<T>() is not (4 or 8))
        {
            throw new NotSupportedException($"{typeof(T).Name} is not a 4- or 8-byte value");
        }
    }

    public int Count => _values.Count;

    /// <summary>The distinct values, by index.</summary>
    public Span<T> Values => _values.Span;

    /// <summary>Gives the values' storage back to the pool; the dictionary must not be used afterwards.</summary>
    public void Release() => _values.Release();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int GetOrAdd(T value)
    {
        var bits = Bits(value);
        var mask = _slots.Length - 1;
        var slot = Slot(bits);
        var values = _values.Span;
        int stored;
        while ((stored = _slots[slot]) != 0)
        {
            if (Bits(values[stored - 1]) == bits)
            {
                return stored - 1;
            }

            slot = (slot + 1) & mask;
        }

        return Add(value, slot);
    }

    private int Add(T value, int slot)
    {
        var index = _values.Count;
        _values.Add(value);
        _slots[slot] = index + 1;
        if (_values.Count * 2 > _slots.Length)
        {
            Grow();
        }

        return index;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Bits(T value) => Unsafe.SizeOf<T>() == 8 ? Unsafe.As<T, ulong>(ref value) : Unsafe.As<T, uint>(ref value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Slot(ulong bits) => (int)((bits * 0x9E3779B97F4A7C15UL) >> _shift);

    private void Grow()
    {
        _slots = new int[_slots.Length * 2];
        _shift--;
        var mask = _slots.Length - 1;
        var values = _values.Span;
        for (var i = 0; i < values.Length; i++)
        {
            var slot = Slot(Bits(values[i]));
            while (_slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            _slots[slot] = i + 1;
        }
    }
}
