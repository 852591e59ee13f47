using System.Numerics;
using Apache.Arrow;
using FeatureStore.Parquet;
using Column = FeatureStore.Parquet.Column;
using ParquetTimeUnit = FeatureStore.Parquet.TimeUnit;

namespace FeatureStore.Sdk.Arrow;

/// <summary>
/// Builds the Arrow array of one column. Value buffers whose layout Arrow shares (32/64-bit integers, floats, dates,
/// times, timestamps, string and list offsets, string bytes, exact decimals) wrap the column's arrays without copying;
/// booleans, validity (bool[] to bitmap), narrow integers, decimals held as System.Decimal and status indices are built.
/// </summary>
internal static class ToArrowArrays
{
    public static IArrowArray Convert(ParquetField field, Column column)
    {
        if (!field.Nullable && column.NullCount > 0)
        {
            throw new ArgumentException($"column '{field.Name}' is not nullable but holds {column.NullCount} nulls");
        }

        if (ArrowStatusColumns.IsStatusColumn(field))
        {
            return ArrowStatusColumns.ToArrow(field.Name, Expect<BinaryColumn>(field.Name, field.Type, column));
        }

        return ArrowArrayFactory.BuildArray(Build(field.Name, field.Type, column));
    }

    private static ArrayData Build(string name, ParquetType type, Column column)
    {
        var arrowType = ArrowTypeMapping.ToArrowType(type);
        var length = column.Length;
        var validity = ValidityBitmap.Pack(column.Validity, length, out var nullCount);
        ArrayData Fixed(ArrowBuffer values) => new(arrowType, length, nullCount, 0, [validity, values]);

        switch (type.Kind)
        {
            case ParquetTypeKind.Boolean:
                return Fixed(new ArrowBuffer(ValidityBitmap.PackBits(Expect<BooleanColumn>(name, type, column).Values, length, out _)));
            case ParquetTypeKind.Int8:
                return Fixed(Narrow<sbyte>(Expect<Int32Column>(name, type, column)));
            case ParquetTypeKind.Int16:
                return Fixed(Narrow<short>(Expect<Int32Column>(name, type, column)));
            case ParquetTypeKind.UInt8:
                return Fixed(Narrow<byte>(Expect<Int32Column>(name, type, column)));
            case ParquetTypeKind.UInt16:
                return Fixed(Narrow<ushort>(Expect<Int32Column>(name, type, column)));
            case ParquetTypeKind.Int32 or ParquetTypeKind.UInt32 or ParquetTypeKind.Date:
            case ParquetTypeKind.Time when type.Unit == ParquetTimeUnit.Millis:
                return Fixed(ArrayByteMemory<int>.Wrap(Expect<Int32Column>(name, type, column).Values, length));
            case ParquetTypeKind.Int64 or ParquetTypeKind.UInt64 or ParquetTypeKind.Timestamp or ParquetTypeKind.Time:
                return Fixed(ArrayByteMemory<long>.Wrap(Expect<Int64Column>(name, type, column).Values, length));
            case ParquetTypeKind.Float:
                return Fixed(ArrayByteMemory<float>.Wrap(Expect<FloatColumn>(name, type, column).Values, length));
            case ParquetTypeKind.Double:
                return Fixed(ArrayByteMemory<double>.Wrap(Expect<DoubleColumn>(name, type, column).Values, length));
            case ParquetTypeKind.Decimal:
                return Fixed(ArrayByteMemory<Int128>.Wrap(ArrowDecimals.ToUnscaled(name, Expect<DecimalColumn>(name, type, column), type), length));
            case ParquetTypeKind.String or ParquetTypeKind.Enum or ParquetTypeKind.Binary:
                var binary = Expect<BinaryColumn>(name, type, column);
                return new ArrayData(arrowType, length, nullCount, 0,
                    [validity, ArrayByteMemory<int>.Wrap(binary.Offsets, length + 1), new ArrowBuffer(binary.Data.AsMemory(0, binary.Offsets[length]))]);
            case ParquetTypeKind.FixedLenBinary:
                return Fixed(FixedWidthBytes(name, Expect<BinaryColumn>(name, type, column), type.Length));
            case ParquetTypeKind.List:
                var list = Expect<ListColumn>(name, type, column);
                var items = Build(name, type.Element!, list.Values);
                return new ArrayData(arrowType, length, nullCount, 0, [validity, ArrayByteMemory<int>.Wrap(list.Offsets, length + 1)], [items]);
            default:
                throw new ArgumentException($"column '{name}' has type {type}, which has no Arrow mapping");
        }
    }

    private static T Expect<T>(string name, ParquetType type, Column column)
        where T : Column =>
        column as T ?? throw new ArgumentException($"column '{name}' of type {type} needs a {typeof(T).Name}, got a {column.GetType().Name}");

    private static ArrowBuffer Narrow<T>(Int32Column column)
        where T : unmanaged, IBinaryInteger<T>
    {
        var values = new T[column.Length];
        var source = column.Span;
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = T.CreateTruncating(source[i]);
        }

        return ArrayByteMemory<T>.Wrap(values, values.Length);
    }

    /// <summary>The rows of a fixed-length binary column back to back (shared when already so; null rows zero-filled).</summary>
    private static ArrowBuffer FixedWidthBytes(string name, BinaryColumn column, int width)
    {
        var contiguous = column.Validity is null;
        for (var row = 0; row < column.Length && contiguous; row++)
        {
            contiguous = column.Offsets[row + 1] - column.Offsets[row] == width;
        }

        if (contiguous)
        {
            return new ArrowBuffer(column.Data.AsMemory(column.Offsets[0], column.Length * width));
        }

        var data = new byte[column.Length * width];
        for (var row = 0; row < column.Length; row++)
        {
            if (column.IsNull(row))
            {
                continue;
            }

            var value = column.GetBytes(row);
            if (value.Length != width)
            {
                throw new ArgumentException($"column '{name}' row {row} holds {value.Length} bytes, its type FixedLenBinary({width}) needs {width}");
            }

            value.CopyTo(data.AsSpan(row * width));
        }

        return new ArrowBuffer(data);
    }
}
