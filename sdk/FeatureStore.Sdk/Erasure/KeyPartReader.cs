using System.Globalization;
using FeatureStore.Online;
using FeatureStore.Parquet;
using FeatureStore.Registry.Model;

namespace FeatureStore.Sdk.Erasure;

/// <summary>
/// Reads one join-key part of an online key from a source row, converted to the key's declared type as materialization
/// and streaming do (so the keys built here are the keys they wrote); null when the row has no usable value.
/// </summary>
internal static class KeyPartReader
{
    public static FeatureValue? FromColumn(Column column, ParquetType stored, int row, FeatureType declared)
    {
        if (column.IsNull(row))
            return null;
        long? integer = column switch
        {
            Int64Column longs => longs.Values[row],
            Int32Column ints => stored.Kind == ParquetTypeKind.UInt32 ? (uint)ints.Values[row] : ints.Values[row],
            _ => null,
        };
        return (declared, integer, column) switch
        {
            (FeatureType.Int64, { } n, _) => FeatureValue.FromInt64(n),
            (FeatureType.Int32, { } n, _) when n is >= int.MinValue and <= int.MaxValue => FeatureValue.FromInt32((int)n),
            (FeatureType.String, null, BinaryColumn text) => FeatureValue.FromString(text.GetString(row)!),
            (FeatureType.Bytes, null, BinaryColumn raw) => FeatureValue.FromBytes(raw.Data.AsSpan(raw.Offsets[row], raw.Offsets[row + 1] - raw.Offsets[row]).ToArray()),
            _ => null,
        };
    }

    public static FeatureValue? FromFolder(string? value, FeatureType declared) => value is null ? null : declared switch
    {
        FeatureType.Int64 when long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) => FeatureValue.FromInt64(n),
        FeatureType.Int32 when int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) => FeatureValue.FromInt32(n),
        FeatureType.String => FeatureValue.FromString(value),
        _ => null,
    };

    /// <summary>An online key as <c>k=v</c> pairs for reports (bytes as base64).</summary>
    public static string Describe(IReadOnlyList<JoinKey> keys, EntityKey key) =>
        string.Join(",", keys.Select((k, i) => $"{k.Name}={Text(key.Parts[i])}"));

    private static string Text(FeatureValue part) => part.Kind switch
    {
        FeatureValueKind.Int32 => part.AsInt32().ToString(CultureInfo.InvariantCulture),
        FeatureValueKind.Int64 => part.AsInt64().ToString(CultureInfo.InvariantCulture),
        FeatureValueKind.String => part.AsString(),
        FeatureValueKind.Bytes => Convert.ToBase64String(part.AsBytes().Span),
        _ => part.ToString(),
    };
}
