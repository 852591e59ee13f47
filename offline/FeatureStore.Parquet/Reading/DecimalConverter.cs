namespace FeatureStore.Parquet.Reading;

/// <summary>Converts unscaled decimal storage (INT32, INT64, big-endian two's complement bytes) to System.Decimal.</summary>
internal static class DecimalConverter
{
    public static DecimalColumn ToColumn(LeafValues values, ParquetType type, int count, bool[]? validity)
    {
        var scale = type.Scale;
        if (type.Precision > 28)
        {
            return new DecimalColumn(UnscaledValues(values, count, validity), scale, count, validity);
        }

        var result = new decimal[count];
        switch (values)
        {
            case FixedWidthValues<int> ints:
                for (var i = 0; i < count; i++)
                {
                    result[i] = FromUnscaled(ints.Values[i], scale);
                }

                break;
            case FixedWidthValues<long> longs:
                for (var i = 0; i < count; i++)
                {
                    result[i] = FromUnscaled(longs.Values[i], scale);
                }

                break;
            default:
                var unscaled = UnscaledValues(values, count, validity);
                for (var i = 0; i < count; i++)
                {
                    result[i] = FromUnscaled(unscaled[i], scale);
                }

                break;
        }

        return new DecimalColumn(result, count, validity);
    }

    private static Int128[] UnscaledValues(LeafValues values, int count, bool[]? validity)
    {
        var result = new Int128[count];
        switch (values)
        {
            case FixedWidthValues<int> ints:
                for (var i = 0; i < count; i++)
                {
                    result[i] = ints.Values[i];
                }

                break;
            case FixedWidthValues<long> longs:
                for (var i = 0; i < count; i++)
                {
                    result[i] = longs.Values[i];
                }

                break;
            case ByteArrayValues bytes:
                for (var i = 0; i < count; i++)
                {
                    if (validity is null || validity[i])
                    {
                        var start = bytes.Offsets[i];
                        result[i] = FromBigEndian(bytes.Data.AsSpan(start, bytes.Offsets[i + 1] - start));
                    }
                }

                break;
            default:
                throw new InvalidDataException("DECIMAL is only supported on INT32, INT64, BYTE_ARRAY and FIXED_LEN_BYTE_ARRAY");
        }

        return result;
    }

    public static decimal FromUnscaled(Int128 unscaled, int scale)
    {
        if (scale > 28)
        {
            throw new InvalidDataException($"decimal scale {scale} exceeds System.Decimal's 28");
        }

        var negative = unscaled < 0;
        var magnitude = negative ? (UInt128)(-unscaled) : (UInt128)unscaled;
        if (magnitude >> 96 != 0)
        {
            throw new InvalidDataException($"decimal value {unscaled} (scale {scale}) exceeds System.Decimal's 96-bit range");
        }

        return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), (int)(uint)(magnitude >> 64), negative, (byte)scale);
    }

    private static Int128 Pow10(int exponent)
    {
        Int128 result = 1;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }

    /// <summary>Reads a big-endian two's complement integer of 0..16 bytes.</summary>
    public static Int128 FromBigEndian(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > 16)
        {
            throw new InvalidDataException($"decimal value of {bytes.Length} bytes exceeds 16");
        }

        if (bytes.IsEmpty)
        {
            return Int128.Zero;
        }

        Int128 value = (sbyte)bytes[0];
        for (var i = 1; i < bytes.Length; i++)
        {
            value = (value << 8) | bytes[i];
        }

        return value;
    }

    /// <summary>Splits a decimal into its unscaled integer at the given scale (rescaling; throws when precision would be lost).</summary>
    public static void CheckPrecision(Int128 unscaled, int precision)
    {
        if ((unscaled < 0 ? -unscaled : unscaled) >= Pow10(precision))
        {
            throw new ArgumentException($"unscaled decimal {unscaled} has more than {precision} digits");
        }
    }

    public static Int128 ToUnscaled(decimal value, int scale, int precision)
    {
        var rescaled = decimal.Round(value, scale);
        if (rescaled != value)
        {
            throw new ArgumentException($"decimal {value} has more than {scale} fractional digits");
        }

        Span<int> bits = stackalloc int[4];
        decimal.GetBits(rescaled, bits);
        var currentScale = (bits[3] >> 16) & 0xFF;
        Int128 magnitude = ((Int128)(uint)bits[2] << 64) | ((Int128)(uint)bits[1] << 32) | (uint)bits[0];
        for (var s = currentScale; s < scale; s++)
        {
            magnitude *= 10;
        }

        for (var s = currentScale; s > scale; s--)
        {
            magnitude /= 10;
        }

        if (magnitude >= Pow10(precision))
        {
            throw new ArgumentException($"decimal {value} does not fit DECIMAL({precision},{scale})");
        }

        return bits[3] < 0 ? -magnitude : magnitude;
    }
}
