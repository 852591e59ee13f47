using System.Globalization;
using System.Numerics;

namespace FeatureStore.Parquet;

/// <summary>
/// Decimal values. <see cref="Values"/> holds System.Decimal (exact up to 28 digits). Columns read from DECIMAL
/// with precision above 28 also carry the exact unscaled integers in <see cref="Unscaled"/> (value = Unscaled / 10^Scale);
/// there, a value System.Decimal cannot hold appears in <see cref="Values"/> rounded (or saturated) and
/// <see cref="GetString"/> gives the exact text. The writer prefers <see cref="Unscaled"/> when present.
/// </summary>
public sealed class DecimalColumn : Column
{
    public DecimalColumn(decimal[] values, bool[]? validity = null)
        : this(values, values?.Length ?? 0, validity)
    {
    }

    /// <summary>Wraps the first <paramref name="length"/> entries of <paramref name="values"/> (no copy).</summary>
    public DecimalColumn(decimal[] values, int length, bool[]? validity = null)
        : base(length, validity)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length < length)
        {
            throw new ArgumentException($"values has {values.Length} entries, column has {length} rows", nameof(values));
        }

        Values = values;
    }

    /// <summary>Exact unscaled values at the given scale (for precisions above 28); Values is derived from them.</summary>
    public DecimalColumn(Int128[] unscaled, int scale, int length, bool[]? validity = null)
        : base(length, validity)
    {
        ArgumentNullException.ThrowIfNull(unscaled);
        ArgumentOutOfRangeException.ThrowIfNegative(scale);
        if (unscaled.Length < length)
        {
            throw new ArgumentException($"unscaled has {unscaled.Length} entries, column has {length} rows", nameof(unscaled));
        }

        Unscaled = unscaled;
        Scale = scale;
        Values = new decimal[length];
        for (var i = 0; i < length; i++)
        {
            Values[i] = ToDecimal(unscaled[i], scale);
        }
    }

    /// <summary>Values as System.Decimal; only the first <see cref="Column.Length"/> entries belong to the column.</summary>
    public decimal[] Values { get; }

    /// <summary>Exact unscaled values, or null when the column was built from System.Decimal values.</summary>
    public Int128[]? Unscaled { get; }

    /// <summary>Scale of <see cref="Unscaled"/> (0 when Unscaled is null).</summary>
    public int Scale { get; }

    public ReadOnlySpan<decimal> Span => Values.AsSpan(0, Length);

    /// <summary>The exact value as invariant text (e.g. "-12.50"), or null for a null row.</summary>
    public string? GetString(int row)
    {
        if (IsNull(row))
        {
            return null;
        }

        if (Unscaled is null)
        {
            return Values[row].ToString(CultureInfo.InvariantCulture);
        }

        var unscaled = Unscaled[row];
        var digits = BigInteger.Abs((BigInteger)unscaled).ToString(CultureInfo.InvariantCulture).PadLeft(Scale + 1, '0');
        var text = Scale == 0 ? digits : $"{digits[..^Scale]}.{digits[^Scale..]}";
        return unscaled < 0 ? "-" + text : text;
    }

    public override object? GetValue(int row) => IsNull(row) ? null : Values[row];

    /// <summary>
    /// The double nearest to the exact value (what a CAST to DOUBLE gives in DuckDB): one IEEE division when the unscaled
    /// integer and the power of ten are both exact doubles, else parsed from the exact text. Undefined for a null row.
    /// </summary>
    public double GetDouble(int row)
    {
        Int128 unscaled;
        int scale;
        if (Unscaled is not null)
        {
            unscaled = Unscaled[row];
            scale = Scale;
        }
        else
        {
            Span<int> bits = stackalloc int[4];
            decimal.GetBits(Values[row], bits);
            var magnitude = ((Int128)(uint)bits[2] << 64) | ((Int128)(uint)bits[1] << 32) | (uint)bits[0];
            unscaled = bits[3] < 0 ? -magnitude : magnitude;
            scale = (bits[3] >> 16) & 0xFF;
        }

        if (Int128.Abs(unscaled) <= MaxExactInteger && scale < ExactPowersOfTen.Length)
        {
            return (double)(long)unscaled / ExactPowersOfTen[scale];
        }

        var text = Unscaled is null ? Values[row].ToString(CultureInfo.InvariantCulture) : GetString(row)!;
        return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private static readonly Int128 MaxExactInteger = (Int128)1 << 53;

    private static readonly double[] ExactPowersOfTen =
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

    private static decimal ToDecimal(Int128 unscaled, int scale)
    {
        // Drop fractional digits (rounding half away from zero) until the magnitude fits 96 bits and the scale 28.
        var value = (BigInteger)unscaled;
        var limit = (BigInteger.One << 96) - 1;
        while (scale > 0 && (BigInteger.Abs(value) > limit || scale > 28))
        {
            var remainder = BigInteger.Remainder(value, 10);
            value = BigInteger.Divide(value, 10);
            if (BigInteger.Abs(remainder) >= 5)
            {
                value += value.Sign >= 0 && remainder > 0 ? 1 : -1;
            }

            scale--;
        }

        if (BigInteger.Abs(value) > limit)
        {
            return value.Sign < 0 ? decimal.MinValue : decimal.MaxValue;
        }

        var magnitude = (UInt128)(Int128)BigInteger.Abs(value);
        return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), (int)(uint)(magnitude >> 64), value.Sign < 0, (byte)scale);
    }
}
