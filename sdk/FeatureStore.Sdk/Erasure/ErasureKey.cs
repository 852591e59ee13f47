using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FeatureStore.Online;
using FeatureStore.Parquet;
using FeatureStore.Registry.Model;

namespace FeatureStore.Sdk.Erasure;

/// <summary>
/// One erased join-key value, typed by the key's declaration: integers compare as numbers (whatever integer width a file
/// stores), strings and bytes as bytes. Also how the value is named in the audit log.
/// </summary>
internal sealed class ErasureKey
{
    private readonly long integer;
    private readonly byte[] bytes;

    private ErasureKey(string joinKey, FeatureType type, long integer, byte[] bytes, string text)
    {
        JoinKey = joinKey;
        Type = type;
        this.integer = integer;
        this.bytes = bytes;
        Text = text;
    }

    public string JoinKey { get; }

    public FeatureType Type { get; }

    /// <summary>The value as text: decimal integers, the string itself, base64 bytes.</summary>
    public string Text { get; }

    /// <summary><c>JOIN_KEY=sha256:&lt;16 hex&gt;</c>: SHA-256 of the value's UTF-8 text (of the bytes themselves for a bytes key).</summary>
    public string AuditSubject
    {
        get
        {
            var digest = SHA256.HashData(Type == FeatureType.Bytes ? bytes : Encoding.UTF8.GetBytes(Text));
            return $"{JoinKey}=sha256:{Convert.ToHexStringLower(digest)[..16]}";
        }
    }

    /// <summary>Types <paramref name="value"/> by the key's declared type; an error message naming key and value when it does not fit.</summary>
    public static ErasureKey Create(string joinKey, FeatureType type, object value)
    {
        string Wrong(string why) => $"entity {joinKey}={Show(value)}: {why}";
        switch (type)
        {
            case FeatureType.Int32 or FeatureType.Int64:
                long number;
                if (value is long l)
                    number = l;
                else if (value is int i)
                    number = i;
                else if (value is string s && long.TryParse(s.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
                    number = parsed;
                else
                    throw Refused(Wrong($"join key {joinKey} is {type.Name()}, and the value is not an integer"));
                if (type == FeatureType.Int32 && number is < int.MinValue or > int.MaxValue)
                    throw Refused(Wrong($"join key {joinKey} is int32, and the value is out of its range"));
                return new ErasureKey(joinKey, type, number, [], number.ToString(CultureInfo.InvariantCulture));
            case FeatureType.String:
                if (value is not string text)
                    throw Refused(Wrong($"join key {joinKey} is string, and the value is a {value.GetType().Name}"));
                return new ErasureKey(joinKey, type, 0, Encoding.UTF8.GetBytes(text), text);
            case FeatureType.Bytes:
                var raw = value switch
                {
                    byte[] given => given,
                    string base64 => TryBase64(base64) ?? throw Refused(Wrong($"join key {joinKey} is bytes, and the value is not base64")),
                    _ => throw Refused(Wrong($"join key {joinKey} is bytes, and the value is a {value.GetType().Name}")),
                };
                return new ErasureKey(joinKey, type, 0, raw, Convert.ToBase64String(raw));
            default:
                throw Refused($"join key {joinKey} has type {type.Name()}, which is not a join-key type");
        }
    }

    /// <summary>The value as a part of an online key whose join key is declared <paramref name="declared"/>.</summary>
    public FeatureValue Part(FeatureType declared) => declared switch
    {
        FeatureType.Int32 => FeatureValue.FromInt32(checked((int)integer)),
        FeatureType.Int64 => FeatureValue.FromInt64(integer),
        FeatureType.String => FeatureValue.FromString(Text),
        _ => FeatureValue.FromBytes(bytes),
    };

    /// <summary>Whether row <paramref name="row"/> of a key column (as the offline engine reads key columns) holds the value.</summary>
    public bool Matches(Column column, ParquetType stored, int row)
    {
        if (column.IsNull(row))
            return false;
        return column switch
        {
            Int64Column longs => IsInteger && longs.Values[row] == integer,
            Int32Column ints => IsInteger && (stored.Kind == ParquetTypeKind.UInt32 ? (uint)ints.Values[row] : ints.Values[row]) == integer,
            BinaryColumn binary => !IsInteger && binary.Data.AsSpan(binary.Offsets[row], binary.Offsets[row + 1] - binary.Offsets[row]).SequenceEqual(bytes),
            _ => false,
        };
    }

    /// <summary>Whether a hive folder value (<c>key=value/</c>) is this value.</summary>
    public bool MatchesPartition(string? folderValue) => folderValue is not null && (IsInteger
        ? long.TryParse(folderValue, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n == integer
        : Type == FeatureType.String ? folderValue == Text : TryBase64(folderValue) is { } b && b.AsSpan().SequenceEqual(bytes));

    private bool IsInteger => Type is FeatureType.Int32 or FeatureType.Int64;

    private static byte[]? TryBase64(string text)
    {
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text.Trim(), buffer, out var written) ? buffer[..written] : null;
    }

    private static string Show(object value) => value switch
    {
        byte[] b => Convert.ToBase64String(b),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static FeatureStoreException Refused(string message) => new(FeatureStoreErrorCode.Erasure, message);
}
