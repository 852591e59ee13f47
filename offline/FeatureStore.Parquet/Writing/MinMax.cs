using System.Runtime.InteropServices;

namespace FeatureStore.Parquet.Writing;

/// <summary>Running min/max of fixed-width values in the column's sort order (signed, unsigned, or IEEE ignoring NaN).</summary>
internal sealed class MinMax<T>
    where T : unmanaged
{
    private readonly bool _unsigned;
    private T _min;
    private T _max;

    public MinMax(bool unsigned)
    {
        _unsigned = unsigned;
    }

    public bool HasValue { get; private set; }

    public void Update(ReadOnlySpan<T> values)
    {
        foreach (var value in values)
        {
            if (IsNaN(value))
            {
                continue;
            }

            if (!HasValue)
            {
                _min = value;
                _max = value;
                HasValue = true;
                continue;
            }

            if (Less(value, _min))
            {
                _min = value;
            }

            if (Less(_max, value))
            {
                _max = value;
            }
        }
    }

    /// <summary>PLAIN bytes of min and max; a zero float min is written as -0.0 and a zero max as +0.0 (spec rule).</summary>
    public (byte[]? Min, byte[]? Max) ToBytes()
    {
        if (!HasValue)
        {
            return (null, null);
        }

        var min = _min;
        var max = _max;
        if (typeof(T) == typeof(double))
        {
            if ((double)(object)min == 0)
            {
                min = (T)(object)(-0.0);
            }

            if ((double)(object)max == 0)
            {
                max = (T)(object)0.0;
            }
        }
        else if (typeof(T) == typeof(float))
        {
            if ((float)(object)min == 0)
            {
                min = (T)(object)(-0.0f);
            }

            if ((float)(object)max == 0)
            {
                max = (T)(object)0.0f;
            }
        }

        return (MemoryMarshal.AsBytes([min]).ToArray(), MemoryMarshal.AsBytes([max]).ToArray());
    }

    private static bool IsNaN(T value) =>
        (typeof(T) == typeof(double) && double.IsNaN((double)(object)value))
        || (typeof(T) == typeof(float) && float.IsNaN((float)(object)value));

    private bool Less(T a, T b)
    {
        if (typeof(T) == typeof(int))
        {
            var x = (int)(object)a;
            var y = (int)(object)b;
            return _unsigned ? (uint)x < (uint)y : x < y;
        }

        if (typeof(T) == typeof(long))
        {
            var x = (long)(object)a;
            var y = (long)(object)b;
            return _unsigned ? (ulong)x < (ulong)y : x < y;
        }

        if (typeof(T) == typeof(float))
        {
            return (float)(object)a < (float)(object)b;
        }

        if (typeof(T) == typeof(double))
        {
            return (double)(object)a < (double)(object)b;
        }

        return (bool)(object)b && !(bool)(object)a;
    }
}
