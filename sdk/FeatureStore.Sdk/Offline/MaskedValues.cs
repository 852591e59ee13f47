using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FeatureStore.Parquet;

namespace FeatureStore.Sdk.Offline;

/// <summary>
/// The keyed hash that replaces a masked value: HMAC-SHA256 of the value's text form, the first 16 bytes as lowercase hex.
/// Text forms: strings and bytes as they are; integers in decimal, floats in round-trip text (invariant culture);
/// booleans <c>true</c>/<c>false</c>; timestamps as UTC microseconds since the epoch in decimal; lists as
/// <c>[v1,v2,...]</c>. Equal values under one key give equal hashes, so masked columns still join.
/// </summary>
internal static class MaskedValues
{
    public const int HashBytes = 16;
    private const int HexChars = HashBytes * 2;

    /// <summary>The column's values as hashes (a string column of the same length; null rows stay null).</summary>
    public static BinaryColumn Hash(Column column, byte[] key)
    {
        ArgumentNullException.ThrowIfNull(column);
        var rows = column.Length;
        var offsets = new int[rows + 1];
        var data = new byte[rows * HexChars];
        bool[]? validity = column.Validity is null ? null : new bool[rows];
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        var written = 0;
        for (var row = 0; row < rows; row++)
        {
            if (!column.IsNull(row))
            {
                hmac.AppendData(TextBytes(column.GetValue(row)));
                hmac.GetHashAndReset(mac);
                for (var i = 0; i < HashBytes; i++)
                {
                    data[written + (2 * i)] = Hex(mac[i] >> 4);
                    data[written + (2 * i) + 1] = Hex(mac[i] & 0xF);
                }

                written += HexChars;
                if (validity is not null)
                {
                    validity[row] = true;
                }
            }

            offsets[row + 1] = written;
        }

        return new BinaryColumn(offsets, written == data.Length ? data : data.AsSpan(0, written).ToArray(), rows, validity);
    }

    private static byte[] TextBytes(object? value) => value switch
    {
        byte[] bytes => bytes,
        string text => Encoding.UTF8.GetBytes(text),
        _ => Encoding.UTF8.GetBytes(Text(value)),
    };

    private static string Text(object? value) => value switch
    {
        null => "null",
        string text => text,
        byte[] bytes => Convert.ToHexStringLower(bytes),
        bool flag => flag ? "true" : "false",
        float single => single.ToString("R", CultureInfo.InvariantCulture),
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        object?[] items => "[" + string.Join(",", items.Select(Text)) + "]",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static byte Hex(int nibble) => (byte)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
}
