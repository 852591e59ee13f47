using System.Buffers.Binary;
using System.Text;
using FeatureStore.Parquet.Format;

namespace FeatureStore.Parquet.Reading;

/// <summary>Decodes footer statistics into typed values; values it cannot trust or decode come back as null.</summary>
internal static class StatisticsDecoder
{
    public static ColumnStatistics? Decode(Statistics? stats, ColumnDescriptor column)
    {
        if (stats is null)
        {
            return null;
        }

        var legacyUsable = LegacyOrderIsValid(column);
        var rawMin = stats.MinValue ?? (legacyUsable ? stats.Min : null);
        var rawMax = stats.MaxValue ?? (legacyUsable ? stats.Max : null);
        return new ColumnStatistics(DecodeValue(rawMin, column), DecodeValue(rawMax, column), stats.NullCount, stats.DistinctCount)
        {
            RawMin = rawMin,
            RawMax = rawMax,
        };
    }

    /// <summary>The deprecated min/max fields were written with signed comparison: trust them only where that is the type's order.</summary>
    private static bool LegacyOrderIsValid(ColumnDescriptor column) =>
        column.Physical is PhysicalType.Boolean or PhysicalType.Int32 or PhysicalType.Int64 or PhysicalType.Float or PhysicalType.Double
        && column.ValueType.Kind is not (ParquetTypeKind.UInt8 or ParquetTypeKind.UInt16 or ParquetTypeKind.UInt32 or ParquetTypeKind.UInt64);

    public static object? DecodeValue(byte[]? raw, ColumnDescriptor column)
    {
        if (raw is null)
        {
            return null;
        }

        try
        {
            return DecodeValue(raw, column.Physical, column.ValueType);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidDataException or OverflowException)
        {
            return null;
        }
    }

    private static object? DecodeValue(byte[] raw, PhysicalType physical, ParquetType type)
    {
        switch (physical)
        {
            case PhysicalType.Boolean:
                return raw.Length >= 1 ? raw[0] != 0 : null;
            case PhysicalType.Int32:
                if (raw.Length != 4)
                {
                    return null;
                }

                var i32 = BinaryPrimitives.ReadInt32LittleEndian(raw);
                return type.Kind switch
                {
                    ParquetTypeKind.UInt32 => (uint)i32,
                    ParquetTypeKind.Date => TemporalValues.ToDateOnly(i32),
                    ParquetTypeKind.Time => TimeSpan.FromMilliseconds(i32),
                    ParquetTypeKind.Decimal => DecimalConverter.FromUnscaled(i32, type.Scale),
                    _ => i32,
                };
            case PhysicalType.Int64:
                if (raw.Length != 8)
                {
                    return null;
                }

                var i64 = BinaryPrimitives.ReadInt64LittleEndian(raw);
                return type.Kind switch
                {
                    ParquetTypeKind.UInt64 => (ulong)i64,
                    ParquetTypeKind.Timestamp => TemporalValues.ToDateTime(i64, type.Unit),
                    ParquetTypeKind.Time => TemporalValues.ToTimeSpan(i64, type.Unit),
                    ParquetTypeKind.Decimal => DecimalConverter.FromUnscaled(i64, type.Scale),
                    _ => i64,
                };
            case PhysicalType.Float:
                return raw.Length == 4 ? BinaryPrimitives.ReadSingleLittleEndian(raw) : null;
            case PhysicalType.Double:
                return raw.Length == 8 ? BinaryPrimitives.ReadDoubleLittleEndian(raw) : null;
            case PhysicalType.ByteArray:
            case PhysicalType.FixedLenByteArray:
                return type.Kind switch
                {
                    ParquetTypeKind.String or ParquetTypeKind.Enum => Encoding.UTF8.GetString(raw),
                    ParquetTypeKind.Decimal => DecimalConverter.FromUnscaled(DecimalConverter.FromBigEndian(raw), type.Scale),
                    _ => raw,
                };
            default:
                return null;
        }
    }
}
