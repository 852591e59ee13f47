using System.Buffers.Binary;

namespace FeatureStore.Materialization.Source;

/// <summary>
/// A 64-bit code standing for an entity key's canonical bytes: a key of 1 to 7 bytes is its bytes with its length in
/// the top byte (exact, never zero), so two such keys are equal exactly when their codes are; any other key is its stable
/// hash (<see cref="ScannedRows.StableHashOf"/>) under a top byte no short key has (<see cref="IsHash"/>).
/// </summary>
internal static class KeyCode
{
    private const ulong HashMarker = 0xFFUL << 56;

    public static ulong Of(ReadOnlySpan<byte> key, uint hash) =>
        key.Length is 0 or >= sizeof(ulong) ? HashMarker | hash : ((ulong)key.Length << 56) | Bytes(key);

    /// <summary>The bytes of a key shorter than 8 bytes as one little-endian number (zero above the key's length).</summary>
    public static ulong Bytes(ReadOnlySpan<byte> key)
    {
        var length = key.Length;
        if (length >= sizeof(uint))
        {
            // Two 4-byte reads that overlap when the key is shorter than 8 bytes.
            return BinaryPrimitives.ReadUInt32LittleEndian(key)
                | ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(key[(length - sizeof(uint))..]) << (8 * (length - sizeof(uint))));
        }

        ulong bytes = 0;
        for (var i = 0; i < length; i++)
            bytes |= (ulong)key[i] << (8 * i);
        return bytes;
    }

    /// <summary>True when the code is a key's hash, not the key itself: equal codes then need the keys compared.</summary>
    public static bool IsHash(ulong code) => code >= HashMarker;

    /// <summary>The stable hash of the key a code stands for, without the key: a short key's bytes are in its code.</summary>
    public static uint HashOf(ulong code)
    {
        if (IsHash(code))
            return (uint)code;
        Span<byte> key = stackalloc byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt64LittleEndian(key, code);
        return ScannedRows.StableHashOf(key[..(int)(code >> 56)]);
    }
}
