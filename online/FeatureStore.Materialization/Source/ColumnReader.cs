using System.Globalization;
using FeatureStore.Online;
using FeatureStore.Parquet;
using FeatureStore.Registry.Model;

namespace FeatureStore.Materialization.Source;

/// <summary>
/// Converts one cell of a Parquet column into a <see cref="FeatureValue"/> of a declared feature type, or into UTC ticks.
/// Errors carry no location: the caller adds file, row and column (building that text per cell would dominate the scan).
/// </summary>
internal static class ColumnReader
{
    private static readonly DateTimeOffset Epoch = DateTimeOffset.UnixEpoch;

    /// <summary>The cell as a value of <paramref name="type"/>; null cells give <see cref="FeatureValue.Null"/>; a type that does not convert throws.</summary>
    public static FeatureValue Value(Column column, ParquetType sourceType, int row, FeatureType type)
    {
        if (column.IsNull(row))
            return FeatureValue.Null;
        return (type, column) switch
        {
            (FeatureType.Int32, Int32Column c) => FeatureValue.FromInt32(c.Values[row]),
            (FeatureType.Int32, Int64Column c) when c.Values[row] is >= int.MinValue and <= int.MaxValue => FeatureValue.FromInt32((int)c.Values[row]),
            (FeatureType.Int64, Int64Column c) => FeatureValue.FromInt64(c.Values[row]),
            (FeatureType.Int64, Int32Column c) => FeatureValue.FromInt64(c.Values[row]),
            (FeatureType.Float32, FloatColumn c) => FeatureValue.FromFloat32(c.Values[row]),
            (FeatureType.Float32, DoubleColumn c) => FeatureValue.FromFloat32((float)c.Values[row]),
            (FeatureType.Float64, DoubleColumn c) => FeatureValue.FromFloat64(c.Values[row]),
            (FeatureType.Float64, FloatColumn c) => FeatureValue.FromFloat64(c.Values[row]),
            (FeatureType.Bool, BooleanColumn c) => FeatureValue.FromBool(c.Values[row]),
            (FeatureType.String, BinaryColumn c) => FeatureValue.FromString(c.GetString(row)),
            (FeatureType.String, Int64Column c) => FeatureValue.FromString(c.Values[row].ToString(CultureInfo.InvariantCulture)),
            (FeatureType.Bytes, BinaryColumn c) => FeatureValue.FromBytes(c.GetBytes(row).ToArray()),
            (FeatureType.Timestamp, _) => FeatureValue.FromTimestamp(new DateTimeOffset(Ticks(column, sourceType, row), TimeSpan.Zero)),
            (FeatureType.Float32List, ListColumn c) => FeatureValue.FromFloat32List(FloatList(c, row)),
            (FeatureType.Float64List, ListColumn c) => FeatureValue.FromFloat64List(DoubleList(c, row)),
            _ => throw new MaterializationException($"a {sourceType} column cannot hold {type.Name()} values"),
        };
    }

    /// <summary>
    /// <see cref="Value"/> for one column bound once: numeric and bool columns get a direct reader (no per-cell type
    /// dispatch), everything else falls back to <see cref="Value"/>. Used where every row of a batch is converted.
    /// </summary>
    public static Func<int, FeatureValue> Converter(Column column, ParquetType sourceType, FeatureType type)
    {
        Func<int, FeatureValue>? direct = (type, column) switch
        {
            (FeatureType.Int32, Int32Column c) => row => FeatureValue.FromInt32(c.Values[row]),
            (FeatureType.Int64, Int64Column c) => row => FeatureValue.FromInt64(c.Values[row]),
            (FeatureType.Int64, Int32Column c) => row => FeatureValue.FromInt64(c.Values[row]),
            (FeatureType.Float32, FloatColumn c) => row => FeatureValue.FromFloat32(c.Values[row]),
            (FeatureType.Float32, DoubleColumn c) => row => FeatureValue.FromFloat32((float)c.Values[row]),
            (FeatureType.Float64, DoubleColumn c) => row => FeatureValue.FromFloat64(c.Values[row]),
            (FeatureType.Float64, FloatColumn c) => row => FeatureValue.FromFloat64(c.Values[row]),
            (FeatureType.Bool, BooleanColumn c) => row => FeatureValue.FromBool(c.Values[row]),
            _ => null,
        };
        if (direct is null)
            return row => Value(column, sourceType, row, type);
        if (column.Validity is not { } validity)
            return direct;
        return row => validity[row] ? direct(row) : FeatureValue.Null;
    }

    /// <summary>True when <see cref="Value"/> converts every cell of this column to <paramref name="type"/> without throwing.</summary>
    public static bool AlwaysConverts(Column column, ParquetType sourceType, FeatureType type) => (type, column) switch
    {
        (FeatureType.Int32, Int32Column) => true,
        (FeatureType.Int64, Int64Column or Int32Column) => true,
        (FeatureType.Float32 or FeatureType.Float64, FloatColumn or DoubleColumn) => true,
        (FeatureType.Bool, BooleanColumn) => true,
        (FeatureType.String, BinaryColumn or Int64Column) => true,
        (FeatureType.Bytes, BinaryColumn) => true,
        (FeatureType.Timestamp, Int64Column) => sourceType.Kind == ParquetTypeKind.Timestamp,
        (FeatureType.Timestamp, Int32Column) => sourceType.Kind == ParquetTypeKind.Date,
        (FeatureType.Float32List or FeatureType.Float64List, ListColumn list) => list.Values is FloatColumn or DoubleColumn,
        _ => false,
    };

    /// <summary>A timestamp or date cell as UTC ticks (naive timestamps are read as UTC).</summary>
    public static long Ticks(Column column, ParquetType sourceType, int row)
    {
        switch (sourceType.Kind, column)
        {
            case (ParquetTypeKind.Timestamp, Int64Column c):
                var value = c.Values[row];
                return Epoch.UtcTicks + sourceType.Unit switch
                {
                    TimeUnit.Millis => value * TimeSpan.TicksPerMillisecond,
                    TimeUnit.Micros => value * 10,
                    _ => value / 100,
                };
            case (ParquetTypeKind.Date, Int32Column c):
                return Epoch.UtcTicks + (c.Values[row] * TimeSpan.TicksPerDay);
            default:
                throw new MaterializationException($"must be a timestamp or date column, found {sourceType}");
        }
    }

    private static float[] FloatList(ListColumn column, int row)
    {
        var start = column.Offsets[row];
        var length = column.Offsets[row + 1] - start;
        return column.Values switch
        {
            FloatColumn f => f.Values.AsSpan(start, length).ToArray(),
            DoubleColumn d => [.. d.Values.AsSpan(start, length).ToArray().Select(x => (float)x)],
            _ => throw new MaterializationException("list elements must be float or double"),
        };
    }

    private static double[] DoubleList(ListColumn column, int row)
    {
        var start = column.Offsets[row];
        var length = column.Offsets[row + 1] - start;
        return column.Values switch
        {
            DoubleColumn d => d.Values.AsSpan(start, length).ToArray(),
            FloatColumn f => [.. f.Values.AsSpan(start, length).ToArray().Select(x => (double)x)],
            _ => throw new MaterializationException("list elements must be float or double"),
        };
    }
}
