using System.Runtime.InteropServices;
using Apache.Arrow;
using Apache.Arrow.Arrays;
using Apache.Arrow.Types;
using FeatureStore.Parquet;
using Array = System.Array;
using Column = FeatureStore.Parquet.Column;
using ArrowTimeUnit = Apache.Arrow.Types.TimeUnit;

namespace FeatureStore.Sdk.Arrow;

/// <summary>
/// Copies one Arrow array into the project's column of <paramref name="type"/> (from <see cref="ArrowTypeMapping.FromArrowType"/>).
/// Values are always copied: the project's columns own managed arrays, Arrow memory may be native or pooled.
/// </summary>
internal static class FromArrowArrays
{
    private delegate ReadOnlySpan<byte> RowBytes(int row);

    public static Column Convert(string column, IArrowArray array, ParquetType type)
    {
        var validity = ValidityBitmap.Unpack(array);
        return array switch
        {
            BooleanArray a => Booleans(a, validity),
            Int8Array a => new Int32Column(Widen(a.Values), validity),
            Int16Array a => new Int32Column(Widen(a.Values), validity),
            UInt8Array a => new Int32Column(Widen(a.Values), validity),
            UInt16Array a => new Int32Column(Widen(a.Values), validity),
            Int32Array a => new Int32Column(a.Values.ToArray(), validity),
            UInt32Array a => new Int32Column(MemoryMarshal.Cast<uint, int>(a.Values).ToArray(), validity),
            Int64Array a => new Int64Column(a.Values.ToArray(), validity),
            UInt64Array a => new Int64Column(MemoryMarshal.Cast<ulong, long>(a.Values).ToArray(), validity),
            HalfFloatArray a => new FloatColumn(Widen(a.Values), validity),
            FloatArray a => new FloatColumn(a.Values.ToArray(), validity),
            DoubleArray a => new DoubleColumn(a.Values.ToArray(), validity),
            Date32Array a => new Int32Column(a.Values.ToArray(), validity),
            Date64Array a => new Int32Column(Date64Days(column, a, validity), validity),
            Time32Array a => new Int32Column(Time32Millis(column, a, validity), validity),
            Time64Array a => new Int64Column(a.Values.ToArray(), validity),
            TimestampArray a => new Int64Column(TimestampMicros(column, a, validity), validity),
            DictionaryArray a => Decode(column, a, validity, type),
            FixedSizeBinaryArray a when type.Kind == ParquetTypeKind.Decimal => Decimals(column, a, validity, type),
            FixedSizeBinaryArray a => CopyRows(column, a.Length, validity, a.GetBytes),
            BinaryArray a => Binary(column, a, validity),
            LargeBinaryArray a => CopyRows(column, a.Length, validity, a.GetBytes),
            BinaryViewArray a => CopyRows(column, a.Length, validity, a.GetBytes),
            ListArray a => List(column, a.Values, ListSlots(a.ValueOffsets, validity), validity, type),
            LargeListArray a => List(column, a.Values, ListSlots(column, a.ValueOffsets, validity), validity, type),
            FixedSizeListArray a => List(column, a.Values, FixedSlots(a, validity), validity, type),
            _ => throw ArrowTypeMapping.Unsupported(column, array.Data.DataType),
        };
    }

    private static BooleanColumn Booleans(BooleanArray array, bool[]? validity)
    {
        var values = new bool[array.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = array.GetValue(i) ?? false;
        }

        return new BooleanColumn(values, validity);
    }

    private static int[] Widen<T>(ReadOnlySpan<T> source)
        where T : unmanaged, System.Numerics.IBinaryInteger<T>
    {
        var values = new int[source.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = int.CreateTruncating(source[i]);
        }

        return values;
    }

    private static float[] Widen(ReadOnlySpan<Half> source)
    {
        var values = new float[source.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)source[i];
        }

        return values;
    }

    private static int[] Date64Days(string column, Date64Array array, bool[]? validity)
    {
        var millis = array.Values;
        var days = new int[millis.Length];
        for (var row = 0; row < days.Length; row++)
        {
            if (validity is null || validity[row])
            {
                days[row] = (int)Checked(column, row, millis[row], "date64[ms]", static v => checked((int)FloorDiv(v, 86_400_000)));
            }
        }

        return days;
    }

    private static int[] Time32Millis(string column, Time32Array array, bool[]? validity)
    {
        var values = array.Values.ToArray();
        if (((Time32Type)array.Data.DataType).Unit != ArrowTimeUnit.Second)
        {
            return values;
        }

        for (var row = 0; row < values.Length; row++)
        {
            if (validity is null || validity[row])
            {
                values[row] = Checked(column, row, values[row], "time32[s]", static v => checked(v * 1000));
            }
        }

        return values;
    }

    /// <summary>Timestamps of any unit as microseconds (nanoseconds rounded down); the zone only names how to display them.</summary>
    private static long[] TimestampMicros(string column, TimestampArray array, bool[]? validity)
    {
        var type = (TimestampType)array.Data.DataType;
        var values = array.Values.ToArray();
        Func<long, long>? toMicros = type.Unit switch
        {
            ArrowTimeUnit.Second => static v => checked(v * 1_000_000),
            ArrowTimeUnit.Millisecond => static v => checked(v * 1_000),
            ArrowTimeUnit.Nanosecond => static v => FloorDiv(v, 1_000),
            _ => null,
        };
        if (toMicros is null)
        {
            return values;
        }

        var typeName = ArrowTypeNames.Describe(type);
        for (var row = 0; row < values.Length; row++)
        {
            if (validity is null || validity[row])
            {
                values[row] = Checked(column, row, values[row], typeName, toMicros);
            }
        }

        return values;
    }

    private static T Checked<T>(string column, int row, T value, string typeName, Func<T, T> convert)
    {
        try
        {
            return convert(value);
        }
        catch (OverflowException)
        {
            throw new ArgumentException($"column '{column}' row {row}: {typeName} value {value} is out of range for the feature store's units");
        }
    }

    private static long FloorDiv(long value, long divisor) => Math.DivRem(value, divisor) is var (q, r) && r < 0 ? q - 1 : q;

    private static DecimalColumn Decimals(string column, FixedSizeBinaryArray array, bool[]? validity, ParquetType type)
    {
        var unscaled = new Int128[array.Length];
        for (var row = 0; row < unscaled.Length; row++)
        {
            if (validity is null || validity[row])
            {
                unscaled[row] = ArrowDecimals.ReadLittleEndian(array.GetBytes(row));
                if (!ArrowDecimals.Fits(unscaled[row], type.Precision))
                {
                    throw new ArgumentException($"column '{column}' row {row}: unscaled value {unscaled[row]} has more than the {type.Precision} digits of {ArrowTypeNames.Describe(array.Data.DataType)}");
                }
            }
        }

        // As the Parquet reader does: System.Decimal values up to 28 digits, exact unscaled integers above.
        if (type.Precision > 28)
        {
            return new DecimalColumn(unscaled, type.Scale, unscaled.Length, validity);
        }

        var values = new decimal[unscaled.Length];
        for (var row = 0; row < values.Length; row++)
        {
            values[row] = ArrowDecimals.ToDecimal(unscaled[row], type.Scale);
        }

        return new DecimalColumn(values, validity);
    }

    private static BinaryColumn Binary(string column, BinaryArray array, bool[]? validity)
    {
        if (validity is not null)
        {
            return CopyRows(column, array.Length, validity, array.GetBytes);
        }

        var source = array.ValueOffsets;
        var first = source[0];
        var offsets = new int[source.Length];
        for (var i = 0; i < offsets.Length; i++)
        {
            offsets[i] = source[i] - first;
        }

        return new BinaryColumn(offsets, array.Values.Slice(first, offsets[^1]).ToArray(), array.Length);
    }

    private static BinaryColumn Decode(string column, DictionaryArray array, bool[]? validity, ParquetType type)
    {
        var dictionary = (BinaryColumn)Convert(column, array.Dictionary, type);
        var indices = Indices(column, array.Indices);
        for (var row = 0; row < indices.Length; row++)
        {
            if (validity is not null && !validity[row])
            {
                continue;
            }

            if ((ulong)indices[row] >= (ulong)dictionary.Length)
            {
                throw new ArgumentException($"column '{column}' row {row}: dictionary index {indices[row]} is outside the dictionary's {dictionary.Length} values");
            }

            if (dictionary.IsNull((int)indices[row]))
            {
                validity ??= CreateAllValid(indices.Length);
                validity[row] = false;
            }
        }

        return CopyRows(column, indices.Length, validity, row => dictionary.GetBytes((int)indices[row]));
    }

    private static long[] Indices(string column, IArrowArray indices) => indices switch
    {
        Int8Array a => ToLongs(a.Values),
        Int16Array a => ToLongs(a.Values),
        Int32Array a => ToLongs(a.Values),
        Int64Array a => a.Values.ToArray(),
        UInt8Array a => ToLongs(a.Values),
        UInt16Array a => ToLongs(a.Values),
        UInt32Array a => ToLongs(a.Values),
        UInt64Array a => ToLongs(a.Values),
        _ => throw ArrowTypeMapping.Unsupported(column, indices.Data.DataType),
    };

    private static long[] ToLongs<T>(ReadOnlySpan<T> source)
        where T : unmanaged, System.Numerics.IBinaryInteger<T>
    {
        var values = new long[source.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = long.CreateSaturating(source[i]);
        }

        return values;
    }

    /// <summary>Copies each row's bytes; null rows get empty slots, as the project's binary columns have them.</summary>
    private static BinaryColumn CopyRows(string column, int length, bool[]? validity, RowBytes bytesOf)
    {
        var offsets = new int[length + 1];
        long total = 0;
        for (var row = 0; row < length; row++)
        {
            if (validity is null || validity[row])
            {
                total += bytesOf(row).Length;
                if (total > Array.MaxLength)
                {
                    throw new ArgumentException($"column '{column}' holds more than {Array.MaxLength} bytes in one batch; send smaller batches");
                }
            }

            offsets[row + 1] = (int)total;
        }

        var data = new byte[total];
        for (var row = 0; row < length; row++)
        {
            if (validity is null || validity[row])
            {
                bytesOf(row).CopyTo(data.AsSpan(offsets[row]));
            }
        }

        return new BinaryColumn(offsets, data, length, validity);
    }

    private static (long Start, int Count)[] ListSlots(ReadOnlySpan<int> offsets, bool[]? validity)
    {
        var slots = new (long, int)[offsets.Length - 1];
        for (var row = 0; row < slots.Length; row++)
        {
            slots[row] = validity is null || validity[row] ? (offsets[row], offsets[row + 1] - offsets[row]) : (offsets[row], 0);
        }

        return slots;
    }

    private static (long Start, int Count)[] ListSlots(string column, ReadOnlySpan<long> offsets, bool[]? validity)
    {
        var slots = new (long, int)[offsets.Length - 1];
        for (var row = 0; row < slots.Length; row++)
        {
            var count = offsets[row + 1] - offsets[row];
            if (count > Array.MaxLength)
            {
                throw new ArgumentException($"column '{column}' row {row} holds a list of {count} elements");
            }

            slots[row] = validity is null || validity[row] ? (offsets[row], (int)count) : (offsets[row], 0);
        }

        return slots;
    }

    private static (long Start, int Count)[] FixedSlots(FixedSizeListArray array, bool[]? validity)
    {
        var size = ((FixedSizeListType)array.Data.DataType).ListSize;
        var slots = new (long, int)[array.Length];
        for (var row = 0; row < slots.Length; row++)
        {
            slots[row] = ((long)(array.Offset + row) * size, validity is null || validity[row] ? size : 0);
        }

        return slots;
    }

    /// <summary>
    /// A list column from each row's element range in <paramref name="items"/>; null rows keep no elements (Arrow lets
    /// them have some, the project's lists do not), so the elements are gathered in runs of adjacent ranges.
    /// </summary>
    private static ListColumn List(string column, IArrowArray items, (long Start, int Count)[] slots, bool[]? validity, ParquetType type)
    {
        var offsets = new int[slots.Length + 1];
        var runs = new List<(long Start, long Count)>();
        for (var row = 0; row < slots.Length; row++)
        {
            var (start, count) = slots[row];
            if (offsets[row] + (long)count > Array.MaxLength)
            {
                throw new ArgumentException($"column '{column}' holds more than {Array.MaxLength} list elements in one batch; send smaller batches");
            }

            offsets[row + 1] = offsets[row] + count;
            if (count == 0)
            {
                continue;
            }

            if (runs.Count > 0 && runs[^1].Start + runs[^1].Count == start)
            {
                runs[^1] = (runs[^1].Start, runs[^1].Count + count);
            }
            else
            {
                runs.Add((start, count));
            }
        }

        IArrowArray elements = runs.Count switch
        {
            0 => ArrowArrayFactory.Slice(items, 0, 0),
            1 => ArrowArrayFactory.Slice(items, (int)runs[0].Start, (int)runs[0].Count),
            _ => ArrowArrayConcatenator.Concatenate([.. runs.Select(r => ArrowArrayFactory.Slice(items, (int)r.Start, (int)r.Count))]),
        };
        return new ListColumn(offsets, Convert(column, elements, type.Element!), slots.Length, validity);
    }

    private static bool[] CreateAllValid(int count)
    {
        var validity = new bool[count];
        Array.Fill(validity, true);
        return validity;
    }
}
