using FeatureStore.Serving.Tests;

namespace FeatureStore.Client.Tests;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task Two_hundred_concurrent_calls_on_one_client_all_get_their_own_rows()
    {
        await using var env = await ServingEnvironment.StartAsync();
        var calls = Enumerable.Range(0, 200).Select(i => env.Client.GetOnlineFeaturesAsync(
            OnlineFeatureQuery.ForFeatures("driver_stats:trips", "driver_stats:city").WithEntities("driver_id", i % 2 == 0 ? 1001L : 1003L), TimeSpan.FromSeconds(20)));

        var results = await Task.WhenAll(calls);

        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal(i % 2 == 0 ? 12L : 3L, results[i][0, "trips"].Value);
            Assert.Equal(i % 2 == 0 ? "Lyon" : null, results[i][0, "city"].Value);
        }
    }
}
