using System.Buffers;
using FeatureStore.Online.Encoding;
using FeatureStore.Registry.Model;

namespace FeatureStore.Online;

/// <summary>
/// The join-key values of one entity, in the entity's join-key order (int32, int64, string or bytes; never null).
/// <see cref="Encoded"/> is its canonical compact encoding (per part: a type byte, then a zigzag varint or a
/// length-prefixed payload), used as the storage key; equality and hashing go by it, so
/// <c>EntityKey.Of(5)</c> (int32) and <c>EntityKey.Of(5L)</c> (int64) are different keys.
/// </summary>
public sealed class EntityKey : IEquatable<EntityKey>
{
    private readonly byte[] encoded;
    private readonly int hash;

    // Decoded on first use: storage paths need only the encoding.
    private FeatureValue[]? parts;

    private EntityKey(FeatureValue[]? parts, byte[] encoded)
    {
        this.parts = parts;
        this.encoded = encoded;
        var h = new HashCode();
        h.AddBytes(encoded);
        hash = h.ToHashCode();
    }

    /// <summary>A key from its join-key values; throws <see cref="ArgumentException"/> for a null or non-key type.</summary>
    public static EntityKey Of(params FeatureValue[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var writer = new ArrayBufferWriter<byte>(16);
        WriteEncoded(writer, parts);
        return new EntityKey((FeatureValue[])parts.Clone(), writer.WrittenSpan.ToArray());
    }

    /// <summary>
    /// Appends the canonical encoding of a key with these parts (exactly <see cref="Encoded"/> of <see cref="Of"/>) without
    /// building the key, so bulk loaders can compare keys as bytes; throws <see cref="ArgumentException"/> like <see cref="Of"/>.
    /// </summary>
    public static void WriteEncoded(IBufferWriter<byte> destination, ReadOnlySpan<FeatureValue> parts)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (parts.Length == 0)
            throw new ArgumentException("an entity key needs at least one join-key value", nameof(parts));
        for (var i = 0; i < parts.Length; i++)
            EntityKeyCodec.WritePart(destination, parts[i], i);
    }

    /// <summary>Bytes <see cref="EncodeInteger"/> may write: the type byte and a 10-byte varint.</summary>
    public const int MaxIntegerKeyBytes = 11;

    /// <summary>
    /// The canonical encoding of a one-part int32 (<paramref name="int32"/>) or int64 key, written into
    /// <paramref name="destination"/> (at least <see cref="MaxIntegerKeyBytes"/>); returns the bytes written. The same bytes
    /// as <see cref="WriteEncoded"/> with one such part, for bulk loaders keying millions of rows.
    /// </summary>
    public static int EncodeInteger(long value, bool int32, Span<byte> destination)
    {
        if (int32 && value is < int.MinValue or > int.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(value), value, "an int32 key part must fit 32 bits");
        destination[0] = (byte)(int32 ? FeatureValueKind.Int32 : FeatureValueKind.Int64);
        var zigzag = (ulong)((value << 1) ^ (value >> 63));
        var n = 1;
        while (zigzag >= 0x80)
        {
            destination[n++] = (byte)(zigzag | 0x80);
            zigzag >>= 7;
        }

        destination[n++] = (byte)zigzag;
        return n;
    }

    /// <summary>
    /// A key for a registry entity: one value per join key, in the entity's join-key order. Integers are converted to
    /// the join key's declared width (an int64 request value for an int32 key, or the reverse), so a writer and a
    /// reader holding the same number build the same key; anything else must match the declared type.
    /// Throws <see cref="OnlineStoreException"/> naming the entity and join key at fault.
    /// </summary>
    public static EntityKey For(EntityDefinition entity, IReadOnlyList<FeatureValue> values)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count != entity.JoinKeys.Count)
            throw new OnlineStoreException(
                $"entity '{entity.Name}' has {entity.JoinKeys.Count} join keys ({string.Join(", ", entity.JoinKeys.Select(k => k.Name))}), got {values.Count} values");
        var parts = new FeatureValue[values.Count];
        for (var i = 0; i < parts.Length; i++)
            parts[i] = ToJoinKeyType(entity, entity.JoinKeys[i], values[i]);
        return Of(parts);
    }

    /// <summary>
    /// A key from its <see cref="Encoded"/> bytes, checked but not decoded until <see cref="Parts"/> is read; throws
    /// <see cref="FormatException"/> on bad bytes.
    /// </summary>
    public static EntityKey FromEncoded(ReadOnlySpan<byte> encoded)
    {
        EntityKeyCodec.Check(encoded);
        return new(null, encoded.ToArray());
    }

    public IReadOnlyList<FeatureValue> Parts => parts ??= EntityKeyCodec.ReadParts(encoded);

    /// <summary>The canonical storage encoding. Do not change the returned memory.</summary>
    public ReadOnlyMemory<byte> Encoded => encoded;

    public bool Equals(EntityKey? other) =>
        other is not null && (ReferenceEquals(this, other) || (hash == other.hash && encoded.AsSpan().SequenceEqual(other.encoded)));

    public override bool Equals(object? obj) => obj is EntityKey other && Equals(other);

    public override int GetHashCode() => hash;

    public override string ToString() => string.Join("|", Parts.Select(p => p.ToString()));

    private static FeatureValue ToJoinKeyType(EntityDefinition entity, JoinKey joinKey, FeatureValue value) => (joinKey.Type, value.Kind) switch
    {
        (FeatureType.Int32, FeatureValueKind.Int32) or (FeatureType.Int64, FeatureValueKind.Int64)
            or (FeatureType.String, FeatureValueKind.String) or (FeatureType.Bytes, FeatureValueKind.Bytes) => value,
        (FeatureType.Int64, FeatureValueKind.Int32) => FeatureValue.FromInt64(value.AsInt32()),
        (FeatureType.Int32, FeatureValueKind.Int64) when value.AsInt64() is >= int.MinValue and <= int.MaxValue => FeatureValue.FromInt32((int)value.AsInt64()),
        _ => throw new OnlineStoreException(
            $"entity '{entity.Name}' join key '{joinKey.Name}' is {joinKey.Type.Name()}, got {(value.IsNull ? "null" : value.Kind.ToString().ToLowerInvariant())} {value}"),
    };
}
