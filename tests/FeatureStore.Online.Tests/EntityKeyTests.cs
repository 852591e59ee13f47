using FeatureStore.Registry.Model;

namespace FeatureStore.Online.Tests;

public sealed class EntityKeyTests
{
    [Fact]
    public void EqualKeysHaveEqualEncodingsAndHashes()
    {
        var a = EntityKey.Of(FeatureValue.FromString("c-1"), FeatureValue.FromInt64(-5));
        var b = EntityKey.Of(FeatureValue.FromString("c-1"), FeatureValue.FromInt64(-5));

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal(a.Encoded.ToArray(), b.Encoded.ToArray());
    }

    [Fact]
    public void EncodingIsCompact()
    {
        // kind byte + zigzag varint: a 7-digit driver id takes 4 bytes.
        Assert.Equal(4, EntityKey.Of(FeatureValue.FromInt64(1_000_001)).Encoded.Length);
        Assert.Equal([(byte)FeatureValueKind.String, 2, (byte)'a', (byte)'b'], EntityKey.Of(FeatureValue.FromString("ab")).Encoded.ToArray());
    }

    [Fact]
    public void PartBoundariesAreUnambiguous()
    {
        var joined = EntityKey.Of(FeatureValue.FromString("ab"), FeatureValue.FromString("c"));
        var split = EntityKey.Of(FeatureValue.FromString("a"), FeatureValue.FromString("bc"));

        Assert.NotEqual(joined, split);
    }

    [Fact]
    public void EncodedKeysDecodeToTheSameParts()
    {
        var key = EntityKey.Of(FeatureValue.FromInt32(int.MinValue), FeatureValue.FromBytes(new byte[] { 0, 0x7D }), FeatureValue.FromString("ü"), FeatureValue.FromInt64(long.MaxValue));

        var decoded = EntityKey.FromEncoded(key.Encoded.Span);

        Assert.Equal(key, decoded);
        Assert.Equal(key.Parts, decoded.Parts);
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 3 })]
    [InlineData(new byte[] { 6, 5, 1 })]
    [InlineData(new byte[] { 4, 1 })]
    public void MalformedBytesAreRefused(byte[] bytes) =>
        Assert.Throws<FormatException>(() => EntityKey.FromEncoded(bytes));

    [Fact]
    public void NonKeyTypesAndNullsAreRefusedNamingThePart()
    {
        var error = Assert.Throws<ArgumentException>(() => EntityKey.Of(FeatureValue.FromInt64(1), FeatureValue.FromFloat64(1)));

        Assert.StartsWith("entity key part 1 is Float64", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => EntityKey.Of(FeatureValue.Null));
        Assert.Throws<ArgumentException>(() => EntityKey.Of());
    }

    private static readonly EntityDefinition Trip = new("trip", [new JoinKey("driver_id", FeatureType.Int32), new JoinKey("city", FeatureType.String)]);

    [Fact]
    public void KeysForARegistryEntityTakeTheJoinKeysDeclaredIntegerWidth()
    {
        var fromInt64 = EntityKey.For(Trip, [FeatureValue.FromInt64(7), FeatureValue.FromString("oslo")]);

        Assert.Equal(EntityKey.Of(FeatureValue.FromInt32(7), FeatureValue.FromString("oslo")), fromInt64);
    }

    [Fact]
    public void KeysForARegistryEntityRefuseWrongTypesAndCountsNamingTheJoinKey()
    {
        var wrongType = Assert.Throws<OnlineStoreException>(() => EntityKey.For(Trip, [FeatureValue.FromInt32(7), FeatureValue.FromInt64(3)]));
        var tooBig = Assert.Throws<OnlineStoreException>(() => EntityKey.For(Trip, [FeatureValue.FromInt64(long.MaxValue), FeatureValue.FromString("x")]));
        var count = Assert.Throws<OnlineStoreException>(() => EntityKey.For(Trip, [FeatureValue.FromInt32(7)]));

        Assert.Equal("entity 'trip' join key 'city' is string, got int64 3", wrongType.Message);
        Assert.Contains("join key 'driver_id' is int32", tooBig.Message, StringComparison.Ordinal);
        Assert.Equal("entity 'trip' has 2 join keys (driver_id, city), got 1 values", count.Message);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(63L)]
    [InlineData(64L)]
    [InlineData(-65L)]
    [InlineData(300_000L)]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    public void EncodeIntegerWritesTheSameBytesAsAOnePartKey(long value)
    {
        Span<byte> buffer = stackalloc byte[EntityKey.MaxIntegerKeyBytes];

        var int64 = buffer[..EntityKey.EncodeInteger(value, int32: false, buffer)].ToArray();
        Assert.Equal(EntityKey.Of(FeatureValue.FromInt64(value)).Encoded.ToArray(), int64);
        if (value is >= int.MinValue and <= int.MaxValue)
        {
            var int32 = buffer[..EntityKey.EncodeInteger(value, int32: true, buffer)].ToArray();
            Assert.Equal(EntityKey.Of(FeatureValue.FromInt32((int)value)).Encoded.ToArray(), int32);
        }
        else
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => EntityKey.EncodeInteger(value, int32: true, new byte[EntityKey.MaxIntegerKeyBytes]));
        }
    }
}
