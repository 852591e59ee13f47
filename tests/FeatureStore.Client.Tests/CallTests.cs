using FeatureStore.Serving.Tests;
using FeatureStore.Serving.V1;
using Grpc.Core;

namespace FeatureStore.Client.Tests;

/// <summary>What a call returns and how it fails, against a real server.</summary>
public sealed class CallTests
{
    [Fact]
    public async Task The_fast_reader_and_the_raw_call_give_the_same_cells()
    {
        await using var env = await ServingEnvironment.StartAsync();
        var query = OnlineFeatureQuery.ForFeatures("driver_stats:conv_rate", "driver_stats:trips", "driver_stats:city").WithEntities("driver_id", 1001L, 1002L, 1003L, 9999L);

        var result = await env.Client.GetOnlineFeaturesAsync(query);
        var raw = await env.Client.GetOnlineFeaturesAsync(query.ToRequest());

        Assert.Equal(raw.Metadata.FeatureNames.Val, result.FeatureNames);
        Assert.Equal(4, result.RowCount);
        for (var f = 0; f < result.FeatureNames.Count; f++)
        {
            for (var row = 0; row < result.RowCount; row++)
            {
                Assert.Equal(raw.Results[f].Statuses[row], result[row, f].Status);
            }
        }

        Assert.Equal((0.5f, FieldStatus.Present), ((float)result[0, "conv_rate"].Value!, result[0, "conv_rate"].Status));
        Assert.Equal(FieldStatus.OutsideTtl, result[1, "trips"].Status);
        Assert.Equal(FieldStatus.NullValue, result[2, "city"].Status);
        Assert.Equal(FieldStatus.Missing, result[3, "trips"].Status);
        Assert.InRange(result[0, "trips"].Age!.Value, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(10));
    }

    [Fact]
    public async Task A_non_ok_status_is_a_feature_serving_exception_with_code_name_and_server_detail()
    {
        await using var env = await ServingEnvironment.StartAsync();

        var error = await Assert.ThrowsAsync<FeatureServingException>(() =>
            env.Client.GetOnlineFeaturesAsync(OnlineFeatureQuery.ForFeatureService("nope").WithEntities("driver_id", 1L)));

        Assert.Equal(StatusCode.NotFound, error.Status);
        Assert.Contains("feature service 'nope' is not registered", error.Detail, StringComparison.Ordinal);
        Assert.Equal("NOT_FOUND: " + error.Detail, error.Message);
        Assert.IsType<RpcException>(error.InnerException);
    }

    [Fact]
    public async Task A_reply_larger_than_max_response_size_is_resource_exhausted()
    {
        await using var env = await ServingEnvironment.StartAsync(clientOptions: new FeatureServingClientOptions { Address = new Uri("http://unused"), MaxResponseSize = 64 });
        var query = OnlineFeatureQuery.ForFeatures("driver_stats:conv_rate", "driver_stats:trips", "driver_stats:city").WithEntities("driver_id", 1001L, 1002L, 1003L);

        var error = await Assert.ThrowsAsync<FeatureServingException>(() => env.Client.GetOnlineFeaturesAsync(query));

        Assert.Equal(StatusCode.ResourceExhausted, error.Status);
    }

    [Theory]
    [InlineData("ftp://127.0.0.1:1", "Address")]
    [InlineData("127.0.0.1", "Address")]
    public void Bad_addresses_are_refused_naming_the_option(string address, string option)
    {
        var error = Assert.Throws<ArgumentException>(() => new FeatureServingClient(new FeatureServingClientOptions { Address = new Uri(address, UriKind.RelativeOrAbsolute) }));

        Assert.Equal(option, error.ParamName);
    }

    [Fact]
    public void Bad_retry_and_size_settings_are_refused_naming_the_option()
    {
        var address = new Uri("http://127.0.0.1:1");

        Assert.Equal("MaxRetries", Assert.Throws<ArgumentException>(() => new FeatureServingClient(new FeatureServingClientOptions { Address = address, MaxRetries = -1 })).ParamName);
        Assert.Equal("InitialBackoff", Assert.Throws<ArgumentException>(() => new FeatureServingClient(new FeatureServingClientOptions { Address = address, MaxBackoff = TimeSpan.FromMilliseconds(1) })).ParamName);
        Assert.Equal("MaxResponseSize", Assert.Throws<ArgumentException>(() => new FeatureServingClient(new FeatureServingClientOptions { Address = address, MaxResponseSize = 0 })).ParamName);
        Assert.Equal("DefaultTimeout", Assert.Throws<ArgumentException>(() => new FeatureServingClient(new FeatureServingClientOptions { Address = address, DefaultTimeout = TimeSpan.Zero })).ParamName);
    }
}
