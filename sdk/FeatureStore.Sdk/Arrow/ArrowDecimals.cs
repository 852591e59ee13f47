using System.Buffers.Binary;
using System.Globalization;
using FeatureStore.Parquet;

namespace FeatureStore.Sdk.Arrow;

/// <summary>Decimal columns as unscaled 128-bit integers at the field's scale (Arrow's decimal layout) and back.</summary>
internal static class ArrowDecimals
{
    private static readonly Int128[] PowersOf10 = BuildPowers();

    /// <summary>
    /// Each row's unscaled value at <paramref name="type"/>'s scale: the column's exact <see cref="DecimalColumn.Unscaled"/>
    /// array itself when it is at that scale, else computed from the System.Decimal values.
    /// </summary>
    public static Int128[] ToUnscaled(string column, DecimalColumn values, ParquetType type)
    {
        var limit = PowersOf10[type.Precision];
        if (values.Unscaled is { } exact && values.Scale == type.Scale)
        {
            for (var row = 0; row < values.Length; row++)
            {
                if (!values.IsNull(row) && !Fits(exact[row], type.Precision))
                {
                    throw DoesNotFit(column, row, values.GetString(row)!, type);
                }
            }

            return exact;
        }

        var result = new Int128[values.Length];
        for (var row = 0; row < values.Length; row++)
        {
            if (!values.IsNull(row))
            {
                result[row] = Rescale(column, row, values.Values[row], type, limit);
            }
        }

        return result;
    }

    /// <summary>Whether an unscaled value has at most <paramref name="precision"/> digits.</summary>
    public static bool Fits(Int128 unscaled, int precision) =>
        unscaled != Int128.MinValue && Int128.Abs(unscaled) < PowersOf10[precision];

    /// <summary>A little-endian two's complement integer of 4, 8 or 16 bytes (Arrow decimal32/64/128).</summary>
    public static Int128 ReadLittleEndian(ReadOnlySpan<byte> bytes) => bytes.Length switch
    {
        4 => BinaryPrimitives.ReadInt32LittleEndian(bytes),
        8 => BinaryPrimitives.ReadInt64LittleEndian(bytes),
        _ => BinaryPrimitives.ReadInt128LittleEndian(bytes),
    };

    /// <summary>An unscaled value of at most 28 digits as a System.Decimal with the given scale.</summary>
    public static decimal ToDecimal(Int128 unscaled, int scale)
    {
        var magnitude = (UInt128)Int128.Abs(unscaled);
        return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), (int)(uint)(magnitude >> 64), unscaled < 0, (byte)scale);
    }

    private static Int128 Rescale(string column, int row, decimal value, ParquetType type, Int128 limit)
    {
        var scale = value.Scale;
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var magnitude = ((Int128)(uint)bits[2] << 64) | ((Int128)(uint)bits[1] << 32) | (uint)bits[0];
        if (scale > type.Scale)
        {
            var divisor = PowersOf10[scale - type.Scale];
            if (magnitude % divisor != 0)
            {
                throw new ArgumentException(
                    $"column '{column}' row {row}: {value.ToString(CultureInfo.InvariantCulture)} has more than {type.Scale} fractional digits ({type})");
            }

            magnitude /= divisor;
        }
        else if (scale < type.Scale)
        {
            // Checked before multiplying, so the product stays below 10^precision (at most 10^38) and cannot overflow.
            var factor = PowersOf10[type.Scale - scale];
            if (magnitude > limit / factor)
            {
                throw DoesNotFit(column, row, value.ToString(CultureInfo.InvariantCulture), type);
            }

            magnitude *= factor;
        }

        if (magnitude >= limit)
        {
            throw DoesNotFit(column, row, value.ToString(CultureInfo.InvariantCulture), type);
        }

        return value < 0 ? -magnitude : magnitude;
    }

    private static ArgumentException DoesNotFit(string column, int row, string value, ParquetType type) =>
        new($"column '{column}' row {row}: {value} does not fit {type}");

    private static Int128[] BuildPowers()
    {
        var powers = new Int128[39];
        powers[0] = 1;
        for (var i = 1; i < powers.Length; i++)
        {
            powers[i] = powers[i - 1] * 10;
        }

        return powers;
    }
}
