using Google.Protobuf;
using System.Net;
using FeatureStore.Serving.Hosting;
using FeatureStore.Serving.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace FeatureStore.Serving.Tests;

/// <summary>What a broken or hostile client can send gets the right gRPC status and the server keeps serving; gzip both ways.</summary>
public sealed class WireProtocolTests
{
    [Fact]
    public async Task OversizedMessageIsResourceExhausted()
    {
        await using var env = await ServingEnvironment.StartAsync(configure: o => o with { MaxReceiveMessageSize = 1024 });
        var request = ValidRequest();
        request.Entities["driver_id"].Val.AddRange(Enumerable.Range(0, 500).Select(i => new Value { Int64Val = i }));

        var reply = await RawGrpc.CallAsync(env.Server.Address, RawGrpc.GetOnlineFeatures, request);

        Assert.Equal("8", reply.Status);
        Assert.Contains("exceeds the maximum configured message size", reply.Message, StringComparison.Ordinal);
        await AssertStillServingAsync(env);
    }

    [Fact]
    public async Task TruncatedFrameIsInternalAndTheServerKeepsServing()
    {
        await using var env = await ServingEnvironment.StartAsync();
        var frame = RawGrpc.Frame(ValidRequest().ToByteArray(), compressed: false);

        var reply = await RawGrpc.PostAsync(env.Server.Address, RawGrpc.GetOnlineFeatures, frame[..(frame.Length - 3)]);

        Assert.Equal("13", reply.Status);
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
        var frame = RawGrpc.Frame(ValidRequest().ToByteArray(), compressed: false);

        var reply = await RawGrpc.PostAsync(env.Server.Address, RawGrpc.GetOnlineFeatures, [.. frame, .. frame]);

        Assert.Equal("13", reply.Status);
        await AssertStillServingAsync(env);
    }

    // Direct parses requests in its own marshaller (INVALID_ARGUMENT naming the message); the generated marshaller's
    // failure is answered by grpc-dotnet itself, as UNKNOWN.
    [Theory]
    [InlineData(ReplyEncoding.Direct, "3")]
    [InlineData(ReplyEncoding.Generated, "2")]
    public async Task BadProtobufIsRejectedAndTheServerKeepsServing(ReplyEncoding encoding, string expectedStatus)
    {
        await using var env = await ServingEnvironment.StartAsync(configure: o => o with { ReplyEncoding = encoding });
        byte[] garbage = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F];

        var reply = await RawGrpc.PostAsync(env.Server.Address, RawGrpc.GetOnlineFeatures, RawGrpc.Frame(garbage, compressed: false));

        Assert.Equal(expectedStatus, reply.Status);
        await AssertStillServingAsync(env);
    }

    [Fact]
    public async Task UnknownMethodIsUnimplemented()
    {
        await using var env = await ServingEnvironment.StartAsync();

        var reply = await RawGrpc.CallAsync(env.Server.Address, "/featurestore.serving.v1.FeatureServing/Explode", ValidRequest());

        Assert.Equal(HttpStatusCode.OK, reply.HttpStatus);
        Assert.Equal("12", reply.Status);
        await AssertStillServingAsync(env);
    }

    [Fact]
    public async Task SuccessfulReplyCarriesOneUncompressedMessageAndStatusZeroInTrailers()
    {
        await using var env = await ServingEnvironment.StartAsync();

        var reply = await RawGrpc.CallAsync(env.Server.Address, RawGrpc.GetOnlineFeatures, ValidRequest());

        Assert.Equal("0", reply.Status);
        Assert.False(reply.TrailersOnly);
        Assert.Equal(0, reply.Body[0]);
        var response = GetOnlineFeaturesResponse.Parser.ParseFrom(RawGrpc.Payload(reply));
        Assert.Equal(12L, response.Results[0].Values[0].Int64Val);
    }

    [Theory]
    [InlineData(ReplyEncoding.Direct)]
    [InlineData(ReplyEncoding.Generated)]
    public async Task GzipRequestIsAcceptedAndAnsweredWithAGzipReplySmallerOnTheWire(ReplyEncoding encoding)
    {
        await using var env = await ServingEnvironment.StartAsync(configure: o => o with { ReplyEncoding = encoding });
        // 300 rows of the same three drivers: a repetitive reply that gzip shrinks well.
        var request = ValidRequest();
        request.Features.Val.Add("driver_stats:city");
        request.Entities["driver_id"].Val.Clear();
        request.Entities["driver_id"].Val.AddRange(Enumerable.Range(0, 300).Select(i => new Value { Int64Val = 1001 + (i % 3) }));

        var plain = await RawGrpc.CallAsync(env.Server.Address, RawGrpc.GetOnlineFeatures, request);
        var gzipped = await RawGrpc.PostAsync(env.Server.Address, RawGrpc.GetOnlineFeatures, RawGrpc.GzipFrame(request), encoding: "gzip", acceptEncoding: "gzip");

        Assert.Equal("0", plain.Status);
        Assert.Equal("0", gzipped.Status);
        Assert.Equal(1, gzipped.Body[0]);
        Assert.Equal("gzip", gzipped.Encoding);
        Assert.True(gzipped.Body.Length * 3 < plain.Body.Length, $"gzip reply {gzipped.Body.Length} bytes, plain {plain.Body.Length}");
        Assert.Equal(GetOnlineFeaturesResponse.Parser.ParseFrom(RawGrpc.Payload(plain)), GetOnlineFeaturesResponse.Parser.ParseFrom(RawGrpc.Payload(gzipped)));
    }

    [Fact]
    public async Task StockClientGzipCallSucceeds()
    {
        await using var env = await ServingEnvironment.StartAsync();
        using var channel = GrpcChannel.ForAddress(env.Server.Address);
        var client = new FeatureServing.FeatureServingClient(channel);

        var response = await client.GetOnlineFeaturesAsync(ValidRequest(), new Metadata { { "grpc-internal-encoding-request", "gzip" } });

        Assert.Equal(12L, response.Results[0].Values[0].Int64Val);
        Assert.Equal(FieldStatus.Present, response.Results[0].Statuses[0]);
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
