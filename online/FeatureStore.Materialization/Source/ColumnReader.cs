using System.Globalization;
using FeatureStore.Offline;
using FeatureStore.Online;
using FeatureStore.Parquet;
using FeatureStore.Registry.Model;

namespace FeatureStore.Materialization.Source;

/// <summary>
/// Reads cells of a source file's columns as the declared types, with the offline engine's conversions
/// (docs/point-in-time.md, "Source types"; the type pairs are checked per file by <see cref="SourceFileCheck"/> first).
/// Timestamps become UTC ticks of whole microseconds (nanoseconds floored), as the engine reads them.
/// Errors carry no location: the caller adds file, row and column (building that text per cell would dominate the scan).
/// </summary>
internal static class ColumnReader
{
    private static readonly long EpochTicks = DateTimeOffset.UnixEpoch.UtcTicks;
    private static readonly long MinMicros = (DateTimeOffset.MinValue.UtcTicks - EpochTicks) / 10;
    private static readonly long MaxMicros = (DateTimeOffset.MaxValue.UtcTicks - EpochTicks) / 10;

    /// <summary>A reader of one feature column as <paramref name="type"/>; null cells give <see cref="FeatureValue.Null"/>.</summary>
    public static Func<int, FeatureValue> Converter(Column column, ParquetType sourceType, FeatureType type)
    {
        var uint32 = sourceType.Kind == ParquetTypeKind.UInt32;
        Func<int, FeatureValue> read = (type, column) switch
        {
            (FeatureType.Int32, Int32Column c) => row => FeatureValue.FromInt32(c.Values[row]),
            (FeatureType.Int64, Int64Column c) => row => FeatureValue.FromInt64(c.Values[row]),
            (FeatureType.Int64, Int32Column c) when uint32 => row => FeatureValue.FromInt64((uint)c.Values[row]),
            (FeatureType.Int64, Int32Column c) => row => FeatureValue.FromInt64(c.Values[row]),
            (FeatureType.Float32, FloatColumn c) => row => FeatureValue.FromFloat32(c.Values[row]),
            (FeatureType.Float32, DoubleColumn c) => row => FeatureValue.FromFloat32((float)c.Values[row]),
            (FeatureType.Float64, DoubleColumn c) => row => FeatureValue.FromFloat64(c.Values[row]),
            (FeatureType.Float64, FloatColumn c) => row => FeatureValue.FromFloat64(c.Values[row]),
            (FeatureType.Float64, DecimalColumn c) => row => FeatureValue.FromFloat64(c.GetDouble(row)),
            (FeatureType.Float64, Int64Column c) => row => FeatureValue.FromFloat64(c.Values[row]),
            (FeatureType.Float64, Int32Column c) when uint32 => row => FeatureValue.FromFloat64((uint)c.Values[row]),
            (FeatureType.Float64, Int32Column c) => row => FeatureValue.FromFloat64(c.Values[row]),
            (FeatureType.Bool, BooleanColumn c) => row => FeatureValue.FromBool(c.Values[row]),
            (FeatureType.String, BinaryColumn c) => row => FeatureValue.FromString(c.GetString(row)),
            (FeatureType.Bytes, BinaryColumn c) => row => FeatureValue.FromBytes(c.GetBytes(row).ToArray()),
            (FeatureType.Timestamp, Int64Column c) when sourceType.Kind == ParquetTypeKind.Timestamp =>
                row => FeatureValue.FromTimestamp(new DateTimeOffset(Ticks(column, sourceType, row), TimeSpan.Zero)),
            (FeatureType.Float32List, ListColumn c) when c.Values is FloatColumn or DoubleColumn => row => FeatureValue.FromFloat32List(FloatList(c, row)),
            (FeatureType.Float64List, ListColumn c) when c.Values is FloatColumn or DoubleColumn => row => FeatureValue.FromFloat64List(DoubleList(c, row)),
            _ => throw new MaterializationException($"a {sourceType} column cannot hold {type.Name()} values"),
        };
        if (column.Validity is not { } validity)
            return read;
        return row => validity[row] ? read(row) : FeatureValue.Null;
    }

    /// <summary>
    /// A reader of one join-key column as the key's declared type. Integer keys keep their value (an int32 key refuses
    /// a cell beyond int32, which no request could name); the caller refuses null cells.
    /// </summary>
    public static Func<int, FeatureValue> KeyReader(Column column, ParquetType sourceType, FeatureType keyType)
    {
        var uint32 = sourceType.Kind == ParquetTypeKind.UInt32;
        return (keyType, column) switch
        {
            (FeatureType.Int64, Int64Column c) => row => FeatureValue.FromInt64(c.Values[row]),
            (FeatureType.Int64, Int32Column c) when uint32 => row => FeatureValue.FromInt64((uint)c.Values[row]),
            (FeatureType.Int64, Int32Column c) => row => FeatureValue.FromInt64(c.Values[row]),
            (FeatureType.Int32, Int32Column c) when uint32 => row => Int32Key((uint)c.Values[row]),
            (FeatureType.Int32, Int32Column c) => row => FeatureValue.FromInt32(c.Values[row]),
            (FeatureType.Int32, Int64Column c) => row => Int32Key(c.Values[row]),
            (FeatureType.String, BinaryColumn c) => row => FeatureValue.FromString(c.GetString(row)),
            (FeatureType.Bytes, BinaryColumn c) => row => FeatureValue.FromBytes(c.GetBytes(row).ToArray()),
            _ => throw new MaterializationException($"a {sourceType} column cannot hold {keyType.Name()} join keys"),
        };
    }

    /// <summary>
    /// The values of a one-part join key whose cells <see cref="KeyReader"/> would take as they are (an int64 column for
    /// an int64 key, a signed int32 column for an int32 or int64 key) as int64s, with whether the key is int32; null when
    /// the key needs <see cref="KeyReader"/>'s conversion or checks.
    /// </summary>
    public static (IntegerKeyCells? Cells, bool Int32) IntegerKey(Column column, ParquetType sourceType, FeatureType keyType) =>
        (keyType, column) switch
        {
            (FeatureType.Int64, Int64Column c) => (new IntegerKeyCells(c.Values, null), false),
            (FeatureType.Int64, Int32Column c) when sourceType.Kind != ParquetTypeKind.UInt32 => (new IntegerKeyCells(null, c.Values), false),
            (FeatureType.Int32, Int32Column c) when sourceType.Kind != ParquetTypeKind.UInt32 => (new IntegerKeyCells(null, c.Values), true),
            _ => (null, false),
        };

    /// <summary>
    /// An event or created timestamp cell (timestamp of any unit, date, or int64 epoch with the unit judged by magnitude)
    /// as UTC ticks of whole microseconds; naive timestamps are read as UTC.
    /// </summary>
    public static long Ticks(Column column, ParquetType sourceType, int row)
    {
        var micros = (sourceType.Kind, column) switch
        {
            (ParquetTypeKind.Timestamp, Int64Column c) when sourceType.Unit != TimeUnit.Millis || InRange(c.Values[row], MaxMicros / 1000) =>
                Micros.FromUnit(c.Values[row], sourceType.Unit),
            (ParquetTypeKind.Timestamp, Int64Column) => long.MaxValue,
            (ParquetTypeKind.Date, Int32Column c) => InRange(c.Values[row], MaxMicros / 86_400_000_000L) ? c.Values[row] * 86_400_000_000L : long.MaxValue,
            (ParquetTypeKind.Int64, Int64Column c) => Micros.FromEpochNumber(c.Values[row]),
            _ => throw new MaterializationException($"must be {SourceTypes.TimestampKinds}, found {sourceType}"),
        };
        if (micros < MinMicros || micros > MaxMicros)
            throw new MaterializationException(
                $"timestamp {micros.ToString(CultureInfo.InvariantCulture)} µs since 1970 is outside years 1-9999");
        return EpochTicks + (micros * 10);
    }

    /// <summary>Marks a cell <see cref="AllTicks"/> left to <see cref="Ticks"/>: null, out of range, or of a type read cell by cell.</summary>
    public const long Deferred = long.MaxValue;

    /// <summary>
    /// <see cref="Ticks"/> for the cells of a timestamp column from row <paramref name="start"/> on at once, into
    /// <paramref name="destination"/>. Cells it does not convert (nulls, values outside years 1-9999, and every cell of
    /// other source types) get <see cref="Deferred"/>: the caller reads those with <see cref="Ticks"/>, which gives the error.
    /// </summary>
    public static void AllTicks(Column column, ParquetType sourceType, int start, Span<long> destination)
    {
        if (sourceType.Kind != ParquetTypeKind.Timestamp || column is not Int64Column timestamps)
        {
            destination.Fill(Deferred);
            return;
        }

        var values = timestamps.Values.AsSpan(start, destination.Length);
        var validity = column.Validity;
        var unit = sourceType.Unit;
        for (var row = 0; row < values.Length; row++)
        {
            var value = values[row];
            long micros = unit switch
            {
                TimeUnit.Millis when InRange(value, MaxMicros / 1000) => value * 1000,
                TimeUnit.Micros => value,
                TimeUnit.Nanos => Micros.FromUnit(value, TimeUnit.Nanos),
                _ => long.MaxValue,
            };
            destination[row] = micros < MinMicros || micros > MaxMicros || (validity is not null && !validity[start + row])
                ? Deferred
                : EpochTicks + (micros * 10);
        }
    }

    private static bool InRange(long value, long limit) => value >= -limit && value <= limit;

    private static FeatureValue Int32Key(long value) => value is >= int.MinValue and <= int.MaxValue
        ? FeatureValue.FromInt32((int)value)
        : throw new MaterializationException($"join key value {value.ToString(CultureInfo.InvariantCulture)} does not fit the declared int32");

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
