using System.Net;
using FeatureStore.Protos.Wire;
using FeatureStore.Serving.V1;

namespace FeatureStore.Serving.Tests;

/// <summary>What a broken or hostile client can send: each gets the right gRPC status as a trailers-only reply, and the server keeps serving.</summary>
public sealed class WireProtocolTests
{
    [Fact]
    public async Task OversizedMessageIsResourceExhaustedBeforeTheBodyIsRead()
    {
        await using var env = await ServingEnvironment.StartAsync(configure: o => o with { MaxMessageSize = 1024 });
        var request = ValidRequest();
        request.Entities["driver_id"].Val.AddRange(Enumerable.Range(0, 500).Select(i => new Value { Int64Val = i }));

        var reply = await RawGrpc.CallAsync(env.Server.Address, RawGrpc.GetOnlineFeatures, request);

        Assert.Equal("8", reply.Status);
        Assert.Contains("more than the server's limit of 1024 bytes", reply.Message, StringComparison.Ordinal);
        Assert.True(reply.TrailersOnly);
        await AssertStillServingAsync(env);
    }

    [Fact]
    public async Task TruncatedFrameIsInternalAndTheServerKeepsServing()
    {
        await using var env = await ServingEnvironment.StartAsync();
        var frame = GrpcFrame.ToArray(ValidRequest());

        var reply = await RawGrpc.PostAsync(env.Server.Address, RawGrpc.GetOnlineFeatures, frame[..(frame.Length - 3)]);

        Assert.Equal("13", reply.Status);
        Assert.Contains("ends inside a message frame", reply.Message, StringComparison.Ordinal);
        Assert.True(reply.TrailersOnly);
        Assert.Empty(reply.Body);
        await AssertStillServingAsync(env);
    }

    [Theory]
    [InlineData(new byte[] { 1, 2 })]
    [InlineData(new byte[] { })]
    public async Task BodyShorterThanAFrameHeaderIsInternal(byte[] body)
    {
        await using var env = await ServingEnvironment.StartAsync();

        var reply = await RawGrpc.PostAsync(env.Server.Address, RawGrpc.GetOnlineFeatures, body);

        Assert.Equal("13", reply.Status);
        await AssertStillServingAsync(env);
    }

    [Fact]
    public async Task TwoMessagesInAUnaryCallAreInternal()
    {
        await using var env = await ServingEnvironment.StartAsync();
        var frame = GrpcFrame.ToArray(ValidRequest());

        var reply = await RawGrpc.PostAsync(env.Server.Address, RawGrpc.GetOnlineFeatures, [.. frame, .. frame]);

        Assert.Equal("13", reply.Status);
        Assert.Contains("more than one message", reply.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadProtobufIsInvalidArgument()
    {
        await using var env = await ServingEnvironment.StartAsync();
        byte[] garbage = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F];
        byte[] frame = [0, 0, 0, 0, (byte)garbage.Length, .. garbage];

        var reply = await RawGrpc.PostAsync(env.Server.Address, RawGrpc.GetOnlineFeatures, frame);

        Assert.Equal("3", reply.Status);
        Assert.Contains("not a valid GetOnlineFeaturesRequest", reply.Message, StringComparison.Ordinal);
        await AssertStillServingAsync(env);
    }

    [Fact]
    public async Task CompressedMessageIsUnimplemented()
    {
        await using var env = await ServingEnvironment.StartAsync();
        var frame = GrpcFrame.ToArray(ValidRequest());
        frame[0] = 1;

        var reply = await RawGrpc.PostAsync(env.Server.Address, RawGrpc.GetOnlineFeatures, frame);

        Assert.Equal("12", reply.Status);
    }

    [Fact]
    public async Task UnknownMethodIsUnimplementedAsTrailersOnly()
    {
        await using var env = await ServingEnvironment.StartAsync();

        var reply = await RawGrpc.CallAsync(env.Server.Address, "/featurestore.serving.v1.FeatureServing/Explode", ValidRequest());

        Assert.Equal(HttpStatusCode.OK, reply.HttpStatus);
        Assert.Equal("12", reply.Status);
        Assert.True(reply.TrailersOnly);
        Assert.Contains("unknown method '/featurestore.serving.v1.FeatureServing/Explode'", reply.Message, StringComparison.Ordinal);
        await AssertStillServingAsync(env);
    }

    [Fact]
    public async Task SuccessfulReplyCarriesOneFrameAndStatusZeroInTrailers()
    {
        await using var env = await ServingEnvironment.StartAsync();

        var reply = await RawGrpc.CallAsync(env.Server.Address, RawGrpc.GetOnlineFeatures, ValidRequest());

        Assert.Equal("0", reply.Status);
        Assert.False(reply.TrailersOnly);
        var (compressed, length) = GrpcFrame.ReadHeader(reply.Body);
        Assert.False(compressed);
        Assert.Equal(reply.Body.Length - GrpcFrame.HeaderSize, (int)length);
        var response = GetOnlineFeaturesResponse.Parser.ParseFrom(reply.Body, GrpcFrame.HeaderSize, (int)length);
        Assert.Equal(12L, response.Results[0].Values[0].Int64Val);
    }

    [Fact]
    public async Task MalformedGrpcTimeoutIsRejected()
    {
        await using var env = await ServingEnvironment.StartAsync();

        var reply = await RawGrpc.CallAsync(env.Server.Address, RawGrpc.GetOnlineFeatures, ValidRequest(), timeout: "soon");

        Assert.Equal("13", reply.Status);
        Assert.Contains("malformed grpc-timeout", reply.Message, StringComparison.Ordinal);
    }

    internal static GetOnlineFeaturesRequest ValidRequest()
    {
        var request = new GetOnlineFeaturesRequest { Features = new FeatureList() };
        request.Features.Val.Add("driver_stats:trips");
        var column = new RepeatedValue();
        column.Val.Add(new Value { Int64Val = 1001 });
        request.Entities["driver_id"] = column;
        return request;
    }

    private static async Task AssertStillServingAsync(ServingEnvironment env)
    {
        var reply = await RawGrpc.CallAsync(env.Server.Address, RawGrpc.GetOnlineFeatures, ValidRequest());
        Assert.Equal("0", reply.Status);
    }
}
