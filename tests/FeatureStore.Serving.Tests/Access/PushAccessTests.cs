using FeatureStore.Client;
using FeatureStore.Registry.Model;
using FeatureStore.Serving.V1;
using Grpc.Core;
using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;

namespace FeatureStore.Serving.Tests.Access;

/// <summary>
/// PushFeatures with keys required: the caller needs an online grant covering every feature of every live version of the pushed view
/// (PII ceiling included); health stays open without a key.
/// </summary>
public sealed class PushAccessTests
{
    [Fact]
    public async Task APushNeedsAKeyAndAnOnlineGrantCoveringEveryFeatureOfTheView()
    {
        await using var env = await AccessServer.StartAsync(authRequired: true);
        var tokens = await OnlineAccessMatrixTests.CreatePrincipalsAsync(env);
        await env.WaitForCurrentRevisionAsync();
        var push = Request(Row(2001, DateTimeOffset.UtcNow.AddSeconds(-1), 4.1, "Metz", 655));

        var noKey = await Assert.ThrowsAsync<FeatureServingException>(() => env.Client(null).PushFeaturesAsync(push));
        var personal = await Assert.ThrowsAsync<FeatureServingException>(() => env.Client(tokens["view-personal"]).PushFeaturesAsync(push));
        var offline = await Assert.ThrowsAsync<FeatureServingException>(() => env.Client(tokens["offline-only"]).PushFeaturesAsync(push));
        var accepted = await env.Client(tokens["view-sensitive"]).PushFeaturesAsync(push);
        var health = await env.Client(null).CheckHealthAsync();
        var read = await env.Client(tokens["view-sensitive"]).GetOnlineFeaturesAsync(
            OnlineFeatureQuery.ForFeatures("driver_pii:credit_score").WithEntities("driver_id", 2001L));

        Assert.Equal(StatusCode.Unauthenticated, noKey.Status);
        Assert.Equal(StatusCode.PermissionDenied, personal.Status);
        Assert.Equal(
            "principal 'view-personal' may not push to feature view 'driver_pii': driver_pii:credit_score (sensitive): its PII class sensitive is above the grant's personal",
            personal.Detail);
        Assert.Equal(StatusCode.PermissionDenied, offline.Status);
        Assert.Contains("driver_pii:rating (none): no online grant covers it", offline.Detail, StringComparison.Ordinal);
        Assert.Equal(1, accepted.Accepted);
        Assert.Equal(Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, health);
        Assert.Equal(655L, read[0, "credit_score"].Value);
        OnlineAccessMatrixTests.AssertTokensNeverLogged(env, tokens.Values);
    }

    [Fact]
    public async Task APushToAViewWithARetainedVersionNeedsAGrantCoveringThatVersionsFeaturesToo()
    {
        await using var env = await AccessServer.StartAsync(authRequired: true);
        var tokens = await OnlineAccessMatrixTests.CreatePrincipalsAsync(env);
        // Version 2 drops credit_score (sensitive); version 1 stays live and still receives every pushed record.
        var definitions = AccessServer.Definitions();
        var piiView = definitions.FeatureViews.Single(v => v.Name == "driver_pii");
        var bumped = piiView with { Features = [.. piiView.Features.Where(f => f.Name != "credit_score")], Version = 2, KeepVersions = 2 };
        await ServingEnvironment.ApplyAsync(env.Registry, definitions with { FeatureViews = [.. definitions.FeatureViews.Select(v => v.Name == "driver_pii" ? bumped : v)] });
        await env.WaitForCurrentRevisionAsync();
        var push = Request(Row(2002, DateTimeOffset.UtcNow.AddSeconds(-1), 4.4, "Brest", 701));

        var personal = await Assert.ThrowsAsync<FeatureServingException>(() => env.Client(tokens["view-personal"]).PushFeaturesAsync(push));
        var accepted = await env.Client(tokens["view-sensitive"]).PushFeaturesAsync(push);
        var read = await env.Client(tokens["view-sensitive"]).GetOnlineFeaturesAsync(
            OnlineFeatureQuery.ForFeatures("driver_pii@1:credit_score", "driver_pii:home_city").WithEntities("driver_id", 2002L));

        Assert.Equal(StatusCode.PermissionDenied, personal.Status);
        Assert.Equal(
            "principal 'view-personal' may not push to feature view 'driver_pii': driver_pii@1:credit_score (sensitive): its PII class sensitive is above the grant's personal",
            personal.Detail);
        Assert.Equal(1, accepted.Accepted);
        Assert.Equal(701L, read[0, "credit_score"].Value);
        Assert.Equal("Brest", read[0, "home_city"].Value);
    }

    private static PushRow Row(long driverId, DateTimeOffset eventTime, double rating, string city, long creditScore)
    {
        var row = new PushRow();
        row.Columns["driver_id"] = new Value { Int64Val = driverId };
        row.Columns["event_timestamp"] = new Value { TimestampVal = Timestamp.FromDateTimeOffset(eventTime) };
        row.Columns["rating"] = new Value { DoubleVal = rating };
        row.Columns["home_city"] = new Value { StringVal = city };
        row.Columns["credit_score"] = new Value { Int64Val = creditScore };
        return row;
    }

    private static PushFeaturesRequest Request(params PushRow[] rows)
    {
        var request = new PushFeaturesRequest { FeatureView = "driver_pii" };
        request.Rows.AddRange(rows);
        return request;
    }
}
