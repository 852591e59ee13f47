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
}
