using FeatureStore.Online.Encoding;

namespace FeatureStore.Online.Tests;

public sealed class RowCodecTests
{
    private static readonly RowSchema Schema = new(Samples.AllKindNames);

    [Fact]
    public void EveryKindSurvivesEncodeAndDecode()
    {
        var values = Samples.AllKindValues();

        var row = RowCodec.Encode(Samples.T0.UtcTicks, null, Schema, values);

        Assert.True(RowCodec.TryReadHeader(row, out var ticks, out var expires, out var schemaId, out var start));
        Assert.Equal(Samples.T0.UtcTicks, ticks);
        Assert.Null(expires);
        Assert.Equal(Schema.Id, schemaId);
        Assert.True(RowCodec.TryReadValues(row, start, values.Length, out var decoded));
        Assert.Equal(values, decoded);
    }

    [Fact]
    public void ByteOrderOfTheHeaderIsTimeOrder()
    {
        var earlier = RowCodec.Encode(new DateTimeOffset(1999, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks, null, Schema, Samples.AllKindValues());
        var later = RowCodec.Encode(new DateTimeOffset(1999, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(1).UtcTicks, 5, Schema, Samples.AllKindValues());

        Assert.True(earlier.AsSpan(0, RowCodec.EventTicksLength).SequenceCompareTo(later.AsSpan(0, RowCodec.EventTicksLength)) < 0);
    }

    [Fact]
    public void ExpiryIsCarriedInTheHeader()
    {
        var row = RowCodec.Encode(10, 20, Schema, Samples.AllKindValues());

        Assert.True(RowCodec.TryReadHeader(row, out _, out var expires, out _, out _));
        Assert.Equal(20, expires);
    }

    [Fact]
    public void TruncatedRowsAreDetected()
    {
        var row = RowCodec.Encode(10, null, Schema, Samples.AllKindValues());
        Assert.True(RowCodec.TryReadHeader(row, out _, out _, out _, out var start));

        for (var cut = start; cut < row.Length; cut++)
            Assert.False(RowCodec.TryReadValues(row.AsSpan(0, cut), start, Samples.AllKindNames.Length, out _), $"cut at {cut}");
    }

    [Fact]
    public void SchemaIdDependsOnNamesAndTheirOrder()
    {
        Assert.Equal(new RowSchema(["a", "b"]).Id, new RowSchema(["a", "b"]).Id);
        Assert.NotEqual(new RowSchema(["a", "b"]).Id, new RowSchema(["b", "a"]).Id);
        Assert.NotEqual(new RowSchema(["ab"]).Id, new RowSchema(["a", "b"]).Id);
        Assert.Equal(Schema.Names, RowSchema.Decode(Schema.Encoded).Names);
    }

    [Fact]
    public void DuplicateFeatureNamesAreRefused()
    {
        var error = Assert.Throws<OnlineStoreException>(() => new RowSchema(["a", "b", "a"]));

        Assert.Equal("feature 'a' is listed twice", error.Message);
    }
}
