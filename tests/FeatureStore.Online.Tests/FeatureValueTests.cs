namespace FeatureStore.Online.Tests;

public sealed class FeatureValueTests
{
    [Fact]
    public void DefaultIsNullAndNullStringIsNull()
    {
        Assert.True(default(FeatureValue).IsNull);
        Assert.Equal(FeatureValue.Null, FeatureValue.FromString(null));
    }

    [Fact]
    public void EqualityIsByKindAndContent()
    {
        Assert.Equal(FeatureValue.FromFloat32List(new[] { 1f, 2f }), FeatureValue.FromFloat32List(new[] { 1f, 2f }));
        Assert.Equal(FeatureValue.FromBytes(new byte[] { 1 }).GetHashCode(), FeatureValue.FromBytes(new byte[] { 1 }).GetHashCode());
        Assert.Equal(FeatureValue.FromFloat64(double.NaN), FeatureValue.FromFloat64(double.NaN));
        Assert.NotEqual(FeatureValue.FromInt32(1), FeatureValue.FromInt64(1));
        Assert.NotEqual(FeatureValue.FromFloat64(0.0), FeatureValue.FromFloat64(-0.0));
    }

    [Fact]
    public void ReadingAsTheWrongKindThrowsNamingBothKinds()
    {
        var error = Assert.Throws<InvalidOperationException>(() => FeatureValue.FromInt32(1).AsString());

        Assert.Equal("feature value is Int32, not String", error.Message);
    }

    [Fact]
    public void TimestampsAreNormalisedToUtc()
    {
        var local = new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.FromHours(3));

        var value = FeatureValue.FromTimestamp(local);

        Assert.Equal(TimeSpan.Zero, value.AsTimestamp().Offset);
        Assert.Equal(local, value.AsTimestamp());
    }

    [Fact]
    public void SlicedMemoryIsCopiedSoTheValueHoldsOnlyItsElements()
    {
        var buffer = new float[] { 9f, 1f, 2f, 9f };

        var value = FeatureValue.FromFloat32List(buffer.AsMemory(1, 2));

        Assert.Equal([1f, 2f], value.AsFloat32List().ToArray());
    }
}
