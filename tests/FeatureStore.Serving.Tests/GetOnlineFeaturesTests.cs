using Grpc.Core;
using FeatureStore.Serving.V1;
using FeatureStore.Client;

namespace FeatureStore.Serving.Tests;

public sealed class GetOnlineFeaturesTests
{
    [Fact]
    public async Task FeatureServiceReturnsValuesStatusesAndTimestampsPerEntityRow()
    {
        await using var env = await ServingEnvironment.StartAsync();
        var result = await env.Client.GetOnlineFeaturesAsync(
            OnlineFeatureQuery.ForFeatureService("ride_ranking").WithEntities("driver_id", 1001L, 9999L).WithEntities("customer_id", "c1", "c1"));

        Assert.Equal(["conv_rate", "trips", "age"], result.FeatureNames);
        Assert.Equal(2, result.RowCount);
        Assert.Equal(0.5f, result[0, "conv_rate"].Value);
        Assert.Equal(12L, result[0, "trips"].Value);
        Assert.Equal(FieldStatus.Present, result[0, "trips"].Status);
        Assert.Equal(ServingEnvironment.Now.AddMinutes(-5).ToUnixTimeMilliseconds(), result[0, "trips"].EventTimestamp!.Value.ToUnixTimeMilliseconds());
        Assert.Equal(FieldStatus.Missing, result[1, "conv_rate"].Status);
        Assert.Null(result[1, "conv_rate"].Value);
        Assert.Null(result[1, "conv_rate"].EventTimestamp);
        Assert.Equal(34, result[0, "age"].Value);
        Assert.Equal(34, result[1, "age"].Value);
    }

    [Fact]
    public async Task ValueOlderThanTheViewTtlIsOutsideTtlWithItsTimestampButNoValue()
    {
        await using var env = await ServingEnvironment.StartAsync();
        var result = await env.Client.GetOnlineFeaturesAsync(OnlineFeatureQuery.ForFeatures("driver_stats:trips", "driver_stats:city").WithEntities("driver_id", 1002L, 1001L));

        Assert.Equal(FieldStatus.OutsideTtl, result[0, "trips"].Status);
        Assert.Null(result[0, "trips"].Value);
        Assert.Equal(ServingEnvironment.Now.AddHours(-2).ToUnixTimeMilliseconds(), result[0, "trips"].EventTimestamp!.Value.ToUnixTimeMilliseconds());
        Assert.True(result[0, "trips"].Age > TimeSpan.FromHours(1.9));
        Assert.Equal(FieldStatus.Present, result[1, "trips"].Status);
        Assert.Equal("Lyon", result[1, "city"].Value);
    }

    [Fact]
    public async Task StoredNullIsNullValueAndViewsWithoutTtlServeOldValues()
    {
        await using var env = await ServingEnvironment.StartAsync();
        var result = await env.Client.GetOnlineFeaturesAsync(
            OnlineFeatureQuery.ForFeatures("driver_stats:city", "customer_profile:embedding", "customer_profile:age")
                .WithEntities("driver_id", 1003L)
                .WithEntities("customer_id", "c1"));

        Assert.Equal(FieldStatus.NullValue, result[0, "city"].Status);
        Assert.NotNull(result[0, "city"].EventTimestamp);
        Assert.Equal(FieldStatus.Present, result[0, "embedding"].Status);
        Assert.Equal(new[] { 0.25, -1.5 }, (double[])result[0, "embedding"].Value!);
        Assert.True(result[0, "age"].Age > TimeSpan.FromDays(29));
    }

    [Fact]
    public async Task FullFeatureNamesPrefixTheViewAndSameNamedFeaturesNeedThem()
    {
        await using var env = await ServingEnvironment.StartAsync();
        var query = OnlineFeatureQuery.ForFeatures("driver_stats:trips", "customer_profile:trips").WithEntities("driver_id", 1001L).WithEntities("customer_id", "c1");

        var full = await env.Client.GetOnlineFeaturesAsync(query.WithFullFeatureNames());
        Assert.Equal(["driver_stats__trips", "customer_profile__trips"], full.FeatureNames);
        Assert.Equal(12L, full[0, "driver_stats__trips"].Value);
        Assert.Equal(7L, full[0, "customer_profile__trips"].Value);

        var error = await Assert.ThrowsAsync<FeatureServingException>(() => env.Client.GetOnlineFeaturesAsync(query));
        Assert.Equal(StatusCode.InvalidArgument, error.Status);
        Assert.Contains("full_feature_names", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ManyEntityRowsComeBackInRequestOrderIncludingDuplicates()
    {
        await using var env = await ServingEnvironment.StartAsync();
        var ids = Enumerable.Range(0, 100).Select(i => i % 3 == 0 ? 1001L : i % 3 == 1 ? 1003L : 5000L + i).ToArray();
        var result = await env.Client.GetOnlineFeaturesAsync(OnlineFeatureQuery.ForFeatures("driver_stats:trips").WithEntities("driver_id", ids));

        Assert.Equal(100, result.RowCount);
        for (var i = 0; i < ids.Length; i++)
        {
            var expected = i % 3 == 0 ? 12L : i % 3 == 1 ? 3L : (long?)null;
            Assert.Equal(expected, (long?)result[i, "trips"].Value);
            Assert.Equal(expected is null ? FieldStatus.Missing : FieldStatus.Present, result[i, "trips"].Status);
        }
    }

    [Fact]
    public async Task Int32EntityValuesAreAcceptedForInt64JoinKeys()
    {
        await using var env = await ServingEnvironment.StartAsync();
        var result = await env.Client.GetOnlineFeaturesAsync(OnlineFeatureQuery.ForFeatures("driver_stats:trips").WithEntities("driver_id", 1001));

        Assert.Equal(12L, result[0, "trips"].Value);
    }
}
