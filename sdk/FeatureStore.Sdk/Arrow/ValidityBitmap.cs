using Apache.Arrow;

namespace FeatureStore.Sdk.Arrow;

/// <summary>Converts between the project's validity flags (<c>false</c> = null) and Arrow validity bitmaps (LSB first).</summary>
internal static class ValidityBitmap
{
    /// <summary>The bitmap of <paramref name="validity"/>, or an empty buffer when no row is null.</summary>
    public static ArrowBuffer Pack(bool[]? validity, int length, out int nullCount)
    {
        nullCount = 0;
        if (validity is null)
        {
            return ArrowBuffer.Empty;
        }

        var bitmap = PackBits(validity, length, out var setCount);
        nullCount = length - setCount;
        return nullCount == 0 ? ArrowBuffer.Empty : new ArrowBuffer(bitmap);
    }

    /// <summary>Bit-packs the first <paramref name="length"/> flags (Arrow booleans and validity share this layout).</summary>
    public static byte[] PackBits(bool[] flags, int length, out int setCount)
    {
        var bitmap = new byte[(length + 7) / 8];
        setCount = 0;
        for (var i = 0; i < length; i++)
        {
            if (flags[i])
            {
                bitmap[i >> 3] |= (byte)(1 << (i & 7));
                setCount++;
            }
        }

        return bitmap;
    }

    /// <summary>Per-row validity of an Arrow array (its offset applied), or null when it has no nulls.</summary>
    public static bool[]? Unpack(IArrowArray array)
    {
        if (array.NullCount == 0)
        {
            return null;
        }

        var validity = new bool[array.Length];
        for (var i = 0; i < validity.Length; i++)
        {
            validity[i] = array.IsValid(i);
        }

        return validity;
    }
}
