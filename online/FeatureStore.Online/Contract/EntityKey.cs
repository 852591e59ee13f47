using System.Buffers;
using FeatureStore.Online.Encoding;

namespace FeatureStore.Online;

/// <summary>
/// The join-key values of one entity, in the entity's join-key order (int32, int64, string or bytes; never null).
/// <see cref="Encoded"/> is its canonical compact encoding (per part: a type byte, then a zigzag varint or a
/// length-prefixed payload), used as the storage key; equality and hashing go by it, so
/// <c>EntityKey.Of(5)</c> (int32) and <c>EntityKey.Of(5L)</c> (int64) are different keys.
/// </summary>
public sealed class EntityKey : IEquatable<EntityKey>
{
    private readonly FeatureValue[] parts;
    private readonly byte[] encoded;
    private readonly int hash;

    private EntityKey(FeatureValue[] parts, byte[] encoded)
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
        if (parts.Length == 0)
            throw new ArgumentException("an entity key needs at least one join-key value", nameof(parts));
        var writer = new ArrayBufferWriter<byte>(16);
        for (var i = 0; i < parts.Length; i++)
            EntityKeyCodec.WritePart(writer, parts[i], i);
        return new EntityKey((FeatureValue[])parts.Clone(), writer.WrittenSpan.ToArray());
    }

    /// <summary>Decodes <see cref="Encoded"/> back into a key; throws <see cref="FormatException"/> on bad bytes.</summary>
    public static EntityKey FromEncoded(ReadOnlySpan<byte> encoded) =>
        new(EntityKeyCodec.ReadParts(encoded), encoded.ToArray());

    public IReadOnlyList<FeatureValue> Parts => parts;

    /// <summary>The canonical storage encoding. Do not change the returned memory.</summary>
    public ReadOnlyMemory<byte> Encoded => encoded;

    public bool Equals(EntityKey? other) =>
        other is not null && (ReferenceEquals(this, other) || (hash == other.hash && encoded.AsSpan().SequenceEqual(other.encoded)));

    public override bool Equals(object? obj) => obj is EntityKey other && Equals(other);

    public override int GetHashCode() => hash;

    public override string ToString() => string.Join("|", parts.Select(p => p.ToString()));
}
