using FeatureStore.Registry.Yaml;

namespace FeatureStore.Registry.Tests.Yaml;

public sealed class DurationParserTests
{
    [Theory]
    [InlineData("90s", 90)]
    [InlineData("15m", 15 * 60)]
    [InlineData("2h", 2 * 3600)]
    [InlineData("2d", 2 * 86400)]
    [InlineData("1w", 7 * 86400)]
    [InlineData("1d12h", 36 * 3600)]
    [InlineData("1w2d3h4m5s", ((9 * 24 + 3) * 60 + 4) * 60 + 5)]
    [InlineData(" 0s ", 0)]
    [InlineData("P2D", 2 * 86400)]
    [InlineData("PT12H", 12 * 3600)]
    [InlineData("P1DT30M", 86400 + 1800)]
    [InlineData("P1W", 7 * 86400)]
    [InlineData("PT1.5S", 1.5)]
    public void Parses_short_and_iso_forms(string text, double seconds)
    {
        Assert.True(DurationParser.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromSeconds(seconds), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2")]
    [InlineData("2x")]
    [InlineData("d")]
    [InlineData("12h1d")]
    [InlineData("-1d")]
    [InlineData("2D")]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("P1Y")]
    [InlineData("P1M")]
    [InlineData("99999999999999999999d")]
    [InlineData("9999999999d")]
    public void Refuses_anything_else(string text)
    {
        Assert.False(DurationParser.TryParse(text, out _));
    }

    [Theory]
    [InlineData(2 * 86400, "2d")]
    [InlineData(36 * 3600, "1d12h")]
    [InlineData(90, "1m30s")]
    [InlineData(0, "0s")]
    [InlineData(-3600, "-1h")]
    [InlineData(30 * 86400 + 5, "30d5s")]
    public void Formats_the_short_form(int seconds, string expected)
    {
        var formatted = DurationParser.Format(TimeSpan.FromSeconds(seconds));

        Assert.Equal(expected, formatted);
        if (seconds >= 0)
        {
            Assert.True(DurationParser.TryParse(formatted, out var back));
            Assert.Equal(TimeSpan.FromSeconds(seconds), back);
        }
    }
}
