using FeatureStore.Parquet.Format;

namespace FeatureStore.Parquet.Reading;

/// <summary>Maps a leaf's physical type plus logical/converted annotations to the user-facing type.</summary>
internal static class LogicalTypeMapper
{
    public static ParquetType Map(SchemaElement leaf)
    {
        var logical = leaf.LogicalType;
        var converted = leaf.ConvertedType;
        return leaf.Type switch
        {
            PhysicalType.Boolean => ParquetType.Boolean,
            PhysicalType.Int32 => MapInt32(logical, converted, leaf),
            PhysicalType.Int64 => MapInt64(logical, converted, leaf),
            PhysicalType.Int96 => ParquetType.Timestamp(TimeUnit.Nanos, isAdjustedToUtc: true),
            PhysicalType.Float => ParquetType.Float,
            PhysicalType.Double => ParquetType.Double,
            PhysicalType.ByteArray => MapByteArray(logical, converted, leaf),
            PhysicalType.FixedLenByteArray => TryDecimal(logical, converted, leaf) ?? FixedLength(leaf),
            _ => throw new InvalidDataException($"unknown physical type {(int?)leaf.Type} of '{leaf.Name}'"),
        };
    }

    private static ParquetType MapInt32(LogicalTypeAnnotation? logical, ConvertedType? converted, SchemaElement leaf)
    {
        if (TryDecimal(logical, converted, leaf) is { } dec)
        {
            return dec;
        }

        if (logical?.Kind == LogicalTypeKind.Integer)
        {
            return (logical.BitWidth, logical.IsSigned) switch
            {
                (8, true) => ParquetType.Int8,
                (16, true) => ParquetType.Int16,
                (8, false) => ParquetType.UInt8,
                (16, false) => ParquetType.UInt16,
                (32, false) => ParquetType.UInt32,
                _ => ParquetType.Int32,
            };
        }

        if (logical?.Kind == LogicalTypeKind.Date || converted == ConvertedType.Date)
        {
            return ParquetType.Date;
        }

        if (logical?.Kind == LogicalTypeKind.Time && logical.Unit == TimeUnit.Millis)
        {
            return ParquetType.Time(TimeUnit.Millis, logical.IsAdjustedToUtc);
        }

        return converted switch
        {
            ConvertedType.Int8 => ParquetType.Int8,
            ConvertedType.Int16 => ParquetType.Int16,
            ConvertedType.UInt8 => ParquetType.UInt8,
            ConvertedType.UInt16 => ParquetType.UInt16,
            ConvertedType.UInt32 => ParquetType.UInt32,
            ConvertedType.TimeMillis => ParquetType.Time(TimeUnit.Millis, isAdjustedToUtc: true),
            _ => ParquetType.Int32,
        };
    }

    private static ParquetType MapInt64(LogicalTypeAnnotation? logical, ConvertedType? converted, SchemaElement leaf)
    {
        if (TryDecimal(logical, converted, leaf) is { } dec)
        {
            return dec;
        }

        switch (logical?.Kind)
        {
            case LogicalTypeKind.Integer:
                return logical.BitWidth == 64 && !logical.IsSigned ? ParquetType.UInt64 : ParquetType.Int64;
            case LogicalTypeKind.Timestamp:
                return ParquetType.Timestamp(logical.Unit, logical.IsAdjustedToUtc);
            case LogicalTypeKind.Time when logical.Unit != TimeUnit.Millis:
                return ParquetType.Time(logical.Unit, logical.IsAdjustedToUtc);
        }

        return converted switch
        {
            ConvertedType.UInt64 => ParquetType.UInt64,
            ConvertedType.TimestampMillis => ParquetType.Timestamp(TimeUnit.Millis, isAdjustedToUtc: true),
            ConvertedType.TimestampMicros => ParquetType.Timestamp(TimeUnit.Micros, isAdjustedToUtc: true),
            ConvertedType.TimeMicros => ParquetType.Time(TimeUnit.Micros, isAdjustedToUtc: true),
            _ => ParquetType.Int64,
        };
    }

    private static ParquetType MapByteArray(LogicalTypeAnnotation? logical, ConvertedType? converted, SchemaElement leaf)
    {
        if (TryDecimal(logical, converted, leaf) is { } dec)
        {
            return dec;
        }

        return logical?.Kind switch
        {
            LogicalTypeKind.String or LogicalTypeKind.Json => ParquetType.String,
            LogicalTypeKind.Enum => ParquetType.Enum,
            _ => converted switch
            {
                ConvertedType.Utf8 or ConvertedType.Json => ParquetType.String,
                ConvertedType.Enum => ParquetType.Enum,
                _ => ParquetType.Binary,
            },
        };
    }

    private static ParquetType FixedLength(SchemaElement leaf)
    {
        var length = leaf.TypeLength ?? 0;
        if (length <= 0)
        {
            throw new InvalidDataException($"FIXED_LEN_BYTE_ARRAY column '{leaf.Name}' has type_length {length}");
        }

        return ParquetType.FixedLenBinary(length);
    }

    private static ParquetType? TryDecimal(LogicalTypeAnnotation? logical, ConvertedType? converted, SchemaElement leaf)
    {
        int precision;
        int scale;
        if (logical?.Kind == LogicalTypeKind.Decimal)
        {
            precision = logical.Precision;
            scale = logical.Scale;
        }
        else if (converted == ConvertedType.Decimal)
        {
            precision = leaf.Precision ?? 0;
            scale = leaf.Scale ?? 0;
        }
        else
        {
            return null;
        }

        if (precision is < 1 or > 38 || scale < 0 || scale > precision)
        {
            throw new InvalidDataException($"decimal column '{leaf.Name}' has invalid precision {precision} / scale {scale}");
        }

        if (leaf.Type == PhysicalType.FixedLenByteArray && (leaf.TypeLength ?? 0) is < 1 or > 16)
        {
            throw new InvalidDataException($"decimal column '{leaf.Name}' has unsupported fixed length {leaf.TypeLength}");
        }

        return ParquetType.Decimal(precision, scale);
    }
}
