using FeatureStore.Online.Encoding;

namespace FeatureStore.Online.Tests;

/// <summary>
/// Rows read into <see cref="StoredValues"/> (values decoded from the stored bytes on access): the same values the full
/// decoder gives, in the order asked, null for names the row lacks; malformed rows refused when read, not later.
/// </summary>
public sealed class RowReaderTests
{
    private static readonly RowSchema Schema = new(Samples.AllKindNames);
    private static readonly OnlineViewRef View = new("p", "v", 1);

    [Fact]
    public void Wanted_values_read_in_the_order_asked_with_null_for_names_the_row_lacks()
    {
        var values = Samples.AllKindValues();
        var row = RowCodec.Encode(Samples.T0.UtcTicks, null, Schema, values);
        Assert.True(RowCodec.TryReadHeader(row, out var ticks, out _, out _, out var start));
        string[] wanted = ["emb64", "never_written", "text", "i32", "nothing"];
        var offsets = new int[3 + wanted.Length];

        var read = RowReader.Read(row, Schema, new WantedFeatures(wanted), ticks, start, View, offsets, 3);

        Assert.True(read.Found);
        Assert.Equal(Samples.T0, read.EventTimestamp);
        FeatureValue?[] expected = [values[9], null, values[5], values[0], FeatureValue.Null];
        Assert.Equal(expected, read.Values);
        Assert.Equal(expected, Enumerable.Range(0, read.Values.Count).Select(i => read.Values[i]));
        Assert.Throws<ArgumentOutOfRangeException>(() => read.Values[wanted.Length]);
        // A string is decoded once: reading it again gives the same instance.
        Assert.Same(read.Values[2]!.Value.AsString(), read.Values[2]!.Value.AsString());
        Assert.Equal(0, offsets[0]); // slots before the row's own are left alone
    }

    [Fact]
    public void Every_truncation_is_refused_when_read_and_skipping_agrees_with_decoding()
    {
        var row = RowCodec.Encode(Samples.T0.UtcTicks, null, Schema, Samples.AllKindValues());
        Assert.True(RowCodec.TryReadHeader(row, out var ticks, out _, out _, out var start));

        for (var cut = start; cut < row.Length; cut++)
        {
            var truncated = row[..cut];
            var error = Assert.Throws<OnlineStoreException>(() => RowReader.Read(truncated, Schema, new WantedFeatures(Samples.AllKindNames), ticks, start, View));
            Assert.Contains("malformed values", error.Message, StringComparison.Ordinal);
            int skipped = start, decoded = start;
            for (var i = 0; i < Samples.AllKindNames.Length; i++)
            {
                var skipOk = ValueCodec.TrySkip(truncated, ref skipped);
                var readOk = ValueCodec.TryRead(truncated, ref decoded, out _);
                Assert.Equal(readOk, skipOk);
                if (!readOk)
                    break;
                Assert.Equal(decoded, skipped);
            }
        }
    }

    [Theory]
    [InlineData(new byte[] { (byte)FeatureValueKind.Bool, 2 })]                 // a bool that is neither 0 nor 1
    [InlineData(new byte[] { (byte)FeatureValueKind.Int32, 0x80, 0x80, 0x80, 0x80, 0x10 })] // zigzag 2^31: past int32
    [InlineData(new byte[] { (byte)FeatureValueKind.Timestamp, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F })] // past year 9999
    [InlineData(new byte[] { 99 })]                                             // an unknown kind
    [InlineData(new byte[] { (byte)FeatureValueKind.Float64List, 2, 0, 0, 0, 0, 0, 0, 0, 0 })] // two doubles declared, one present
    public void Values_no_decoder_accepts_are_not_skipped_either(byte[] value)
    {
        var position = 0;
        Assert.False(ValueCodec.TryRead(value, ref position, out _));
        position = 0;
        Assert.False(ValueCodec.TrySkip(value, ref position));
    }

    [Fact]
    public void A_missing_row_has_only_nulls_that_nobody_can_change()
    {
        var missing = RowReader.Missing(3);

        Assert.False(missing.Found);
        Assert.Equal(new FeatureValue?[3], missing.Values);
        Assert.IsNotType<FeatureValue?[]>(missing.Values);
    }
}
