using System.Runtime.CompilerServices;
using FeatureStore.Parquet;

namespace FeatureStore.Offline;

/// <summary>Strings and bytes: one array per slot (slots are filled out of order, so offsets are built at slicing time).</summary>
internal sealed class BinaryBuffer(int length) : FeatureBuffer(length)
{
    private readonly byte[]?[] _values = new byte[length][];

    // Built over the array directly: BinaryColumn.FromBytes reads through IReadOnlyList, an interface call per row.
    public override Column Slice(int start, int count)
    {
        var values = _values.AsSpan(start, count);
        var total = 0;
        foreach (var value in values)
        {
            total += value?.Length ?? 0;
        }

        var data = new byte[total];
        var offsets = new int[count + 1];
        var position = 0;
        for (var i = 0; i < count; i++)
        {
            if (values[i] is { } bytes)
            {
                bytes.CopyTo(data.AsSpan(position));
                position += bytes.Length;
            }

            offsets[i + 1] = position;
        }

        return new BinaryColumn(offsets, data, count, SliceValidity(start, count));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void Set(Column source, ParquetType sourceType, int row, int slot) => _values[slot] = ((BinaryColumn)source).GetBytes(row).ToArray();
}

/// <summary>list&lt;float32&gt; / list&lt;float64&gt;: one array per slot (floats are held as doubles, which is exact), with the element validity of each list.</summary>
internal sealed class ListBuffer(int length, bool asDouble) : FeatureBuffer(length)
{
    private readonly double[]?[] _values = new double[length][];
    private readonly bool[]?[] _elementValidity = new bool[length][];

    public override Column Slice(int start, int count)
    {
        var offsets = new int[count + 1];
        for (var i = 0; i < count; i++)
        {
            offsets[i + 1] = offsets[i] + (_values[start + i]?.Length ?? 0);
        }

        var total = offsets[count];
        bool[]? elementValidity = null;
        for (var i = 0; i < count; i++)
        {
            if (_elementValidity[start + i] is { } valid)
            {
                if (elementValidity is null)
                {
                    elementValidity = new bool[total];
                    Array.Fill(elementValidity, true);
                }

                valid.CopyTo(elementValidity, offsets[i]);
            }
        }

        Column child;
        if (asDouble)
        {
            var flat = new double[total];
            for (var i = 0; i < count; i++)
            {
                _values[start + i]?.CopyTo(flat, offsets[i]);
            }

            child = new DoubleColumn(flat, elementValidity);
        }
        else
        {
            var flat = new float[total];
            for (var i = 0; i < count; i++)
            {
                if (_values[start + i] is { } row)
                {
                    for (var j = 0; j < row.Length; j++)
                    {
                        flat[offsets[i] + j] = (float)row[j];
                    }
                }
            }

            child = new FloatColumn(flat, elementValidity);
        }

        return new ListColumn(offsets, child, count, SliceValidity(start, count));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void Set(Column source, ParquetType sourceType, int row, int slot)
    {
        var list = (ListColumn)source;
        var first = list.Offsets[row];
        var items = new double[list.GetListLength(row)];
        bool[]? validity = null;
        for (var j = 0; j < items.Length; j++)
        {
            if (list.Values.IsNull(first + j))
            {
                validity ??= CreateValid(items.Length);
                validity[j] = false;
                continue;
            }

            items[j] = list.Values switch
            {
                FloatColumn floats => floats.Values[first + j],
                DoubleColumn doubles => doubles.Values[first + j],
                _ => throw new InvalidOperationException($"unexpected list element column {list.Values.GetType().Name}"),
            };
        }

        _values[slot] = items;
        _elementValidity[slot] = validity;
    }

    private static bool[] CreateValid(int count)
    {
        var valid = new bool[count];
        Array.Fill(valid, true);
        return valid;
    }
}
