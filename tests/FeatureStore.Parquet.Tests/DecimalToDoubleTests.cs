using System.Globalization;

namespace FeatureStore.Parquet.Tests;

/// <summary><see cref="DecimalColumn.GetDouble"/> gives the double nearest the exact decimal (oracle: double.Parse of the exact text).</summary>
public sealed class DecimalToDoubleTests
{
    [Fact]
    public void Random_values_at_every_scale_are_the_nearest_double()
    {
        var random = new Random(20261205);
        for (var i = 0; i < 50_000; i++)
        {
            var scale = random.Next(0, 29);
            var unscaled = random.NextInt64(long.MinValue + 1, long.MaxValue) >> random.Next(0, 63);
            var magnitude = (ulong)Math.Abs(unscaled);
            var value = new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), 0, unscaled < 0, (byte)scale);
            var column = new DecimalColumn([value]);

            Assert.Equal(Nearest(value.ToString(CultureInfo.InvariantCulture)), column.GetDouble(0));
        }
    }

    [Theory]
    [InlineData("1.23")]
    [InlineData("-0.10")]
    [InlineData("9999999999999999999999999999")]
    [InlineData("79228162514264337593543950335")]
    [InlineData("0.0000000000000000000000000001")]
    [InlineData("12345678901234567.890123456")]
    public void Values_past_the_exact_fast_path_are_parsed_from_their_exact_text(string text)
    {
        var column = new DecimalColumn([decimal.Parse(text, CultureInfo.InvariantCulture)]);

        Assert.Equal(Nearest(text), column.GetDouble(0));
    }

    [Fact]
    public void Wide_decimals_use_their_exact_unscaled_integers()
    {
        Int128[] unscaled = [Int128.Parse("-99999999999999999999999999999999999999", CultureInfo.InvariantCulture), 123_456, Int128.Parse("12345678901234567890123456789", CultureInfo.InvariantCulture)];
        var column = new DecimalColumn(unscaled, scale: 10, unscaled.Length);

        Assert.Equal(
            [Nearest("-9999999999999999999999999999.9999999999"), 0.0000123456, Nearest("1234567890123456789.0123456789")],
            Enumerable.Range(0, unscaled.Length).Select(column.GetDouble));
    }

    private static double Nearest(string exact) => double.Parse(exact, NumberStyles.Float, CultureInfo.InvariantCulture);
}
