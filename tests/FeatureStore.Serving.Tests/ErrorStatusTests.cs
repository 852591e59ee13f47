using Grpc.Core;
using FeatureStore.Client;
using FeatureStore.Serving.V1;

namespace FeatureStore.Serving.Tests;

/// <summary>Each bad request gets the right status and a message naming the problem; the server keeps serving afterwards.</summary>
public sealed class ErrorStatusTests
{
    public static TheoryData<string, StatusCode, string> BadQueries => new()
    {
        { "unknown-service", StatusCode.NotFound, "feature service 'nope' is not registered" },
        { "unknown-view", StatusCode.NotFound, "feature view 'ghost' is not registered" },
        { "unknown-feature", StatusCode.NotFound, "feature 'speed' is not in feature view 'driver_stats'" },
        { "unknown-column", StatusCode.InvalidArgument, "entity column 'driverid' is not a join key" },
        { "wrong-type", StatusCode.InvalidArgument, "entity column 'driver_id' row 1: expected int64, got string" },
        { "lengths", StatusCode.InvalidArgument, "entity columns have different lengths" },
        { "missing-key", StatusCode.InvalidArgument, "entity column 'customer_id' is missing" },
        { "bad-reference", StatusCode.InvalidArgument, "feature reference 'driver_stats.trips' is not of the form 'view:feature'" },
        { "no-entities", StatusCode.InvalidArgument, "entities is empty" },
        { "null-key", StatusCode.InvalidArgument, "expected int64, got null" },
    };

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task BadRequestGetsItsStatusAndTheServerKeepsServing(string scenario, StatusCode expected, string message)
    {
        await using var env = await ServingEnvironment.StartAsync();
        var error = await Assert.ThrowsAsync<FeatureServingException>(() => env.Client.GetOnlineFeaturesAsync(Request(scenario)));

        Assert.Equal(expected, error.Status);
        Assert.Contains(message, error.Detail, StringComparison.Ordinal);
        var after = await env.Client.GetOnlineFeaturesAsync(OnlineFeatureQuery.ForFeatureService("ride_ranking").WithEntities("driver_id", 1001L).WithEntities("customer_id", "c1"));
        Assert.Equal(12L, after[0, "trips"].Value);
    }

    [Fact]
    public async Task NonAsciiNamesInErrorsArePercentEncodedOnTheWireAndDecodeBack()
    {
        await using var env = await ServingEnvironment.StartAsync();
        var request = new GetOnlineFeaturesRequest { FeatureService = "café 100%" };
        request.Entities["driver_id"] = Column(new Value { Int64Val = 1 });

        var reply = await RawGrpc.CallAsync(env.Server.Address, RawGrpc.GetOnlineFeatures, request);

        Assert.Equal("5", reply.Status);
        Assert.Equal("feature service 'café 100%' is not registered in project 'rides'", reply.Message);
        var error = await Assert.ThrowsAsync<FeatureServingException>(() => env.Client.GetOnlineFeaturesAsync(request));
        Assert.Equal("feature service 'café 100%' is not registered in project 'rides'", error.Detail);
    }

    private static GetOnlineFeaturesRequest Request(string scenario)
    {
        var request = new GetOnlineFeaturesRequest();
        switch (scenario)
        {
            case "unknown-service":
                request.FeatureService = "nope";
                request.Entities["driver_id"] = Column(new Value { Int64Val = 1 });
                break;
            case "unknown-view":
                request.Features = Features("ghost:x");
                request.Entities["driver_id"] = Column(new Value { Int64Val = 1 });
                break;
            case "unknown-feature":
                request.Features = Features("driver_stats:speed");
                request.Entities["driver_id"] = Column(new Value { Int64Val = 1 });
                break;
            case "unknown-column":
                request.Features = Features("driver_stats:trips");
                request.Entities["driverid"] = Column(new Value { Int64Val = 1 });
                break;
            case "wrong-type":
                request.Features = Features("driver_stats:trips");
                request.Entities["driver_id"] = Column(new Value { Int64Val = 1 }, new Value { StringVal = "2" });
                break;
            case "lengths":
                request.FeatureService = "ride_ranking";
                request.Entities["driver_id"] = Column(new Value { Int64Val = 1 }, new Value { Int64Val = 2 });
                request.Entities["customer_id"] = Column(new Value { StringVal = "c1" });
                break;
            case "missing-key":
                request.FeatureService = "ride_ranking";
                request.Entities["driver_id"] = Column(new Value { Int64Val = 1 });
                break;
            case "bad-reference":
                request.Features = Features("driver_stats.trips");
                request.Entities["driver_id"] = Column(new Value { Int64Val = 1 });
                break;
            case "no-entities":
                request.Features = Features("driver_stats:trips");
                break;
            case "null-key":
                request.Features = Features("driver_stats:trips");
                request.Entities["driver_id"] = Column(new Value());
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(scenario), scenario, "no such scenario");
        }

        return request;
    }

    private static FeatureList Features(params string[] references)
    {
        var list = new FeatureList();
        list.Val.AddRange(references);
        return list;
    }

    private static RepeatedValue Column(params Value[] values)
    {
        var column = new RepeatedValue();
        column.Val.AddRange(values);
        return column;
    }
}
