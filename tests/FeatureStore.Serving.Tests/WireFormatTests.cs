using FeatureStore.Protos.Wire;

namespace FeatureStore.Serving.Tests;

public sealed class WireFormatTests
{
    [Theory]
    [InlineData("plain ascii message", "plain ascii message")]
    [InlineData("100%", "100%25")]
    [InlineData("café", "caf%C3%A9")]
    [InlineData("line\nbreak", "line%0Abreak")]
    public void GrpcMessageIsPercentEncodedOnlyOutsidePrintableAsciiAndForPercent(string message, string wire)
    {
        Assert.Equal(wire, GrpcMessageText.Encode(message));
        Assert.Equal(message, GrpcMessageText.Decode(wire));
    }

    [Fact]
    public void MalformedPercentSequencesDecodeLeniently() => Assert.Equal("50%x", GrpcMessageText.Decode("50%x"));

    [Theory]
    [InlineData("1H", 3600_000)]
    [InlineData("2M", 120_000)]
    [InlineData("5S", 5_000)]
    [InlineData("250m", 250)]
    [InlineData("1500u", 1.5)]
    [InlineData("2000000n", 2)]
    public void GrpcTimeoutUnitsParse(string header, double milliseconds)
    {
        Assert.True(GrpcTimeout.TryParse(header, out var timeout));
        Assert.Equal(milliseconds, timeout.TotalMilliseconds, 3);
    }

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("5s")]
    [InlineData("123456789S")]
    [InlineData("-5S")]
    public void MalformedGrpcTimeoutsAreRejected(string header) => Assert.False(GrpcTimeout.TryParse(header, out _));

    [Fact]
    public void FormattedTimeoutsRoundTripAndFitEightDigits()
    {
        foreach (var timeout in new[] { TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(10), TimeSpan.FromDays(3) })
        {
            var header = GrpcTimeout.Format(timeout);
            Assert.True(header.Length <= 9, header);
            Assert.True(GrpcTimeout.TryParse(header, out var parsed));
            Assert.True(parsed >= timeout && parsed - timeout < TimeSpan.FromSeconds(1), header);
        }
    }
}
