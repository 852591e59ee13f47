using FeatureStore.Client;
using FeatureStore.Online;
using FeatureStore.Registry.Model;

namespace FeatureStore.Sdk.Tests.Session;

/// <summary>
/// Online reads through the session (no feature server) when driver_hourly_stats was bumped to version 2 with
/// keep_versions: 2: "view@1:feature" and a service pinning "view@1" read version 1's own online data.
/// </summary>
public sealed class VersionedOnlineReadTests
{
    private const string View = "driver_hourly_stats";

    [Fact]
    public async Task Each_reference_reads_its_own_live_version_and_a_pinned_service_reads_version_one()
    {
        using var repo = await SampleRepo.CreateAsync();
        await using var store = await FeatureStoreSession.OpenAsync(repo.Dir);
        await ApplyBothVersionsAsync(store);
        await WriteBothVersionsAsync(store);

        var sideBySide = await store.GetOnlineFeaturesAsync(
            OnlineFeatureQuery.ForFeatures($"{View}:conv_rate", $"{View}@1:conv_rate", $"{View}@1:rating").WithEntities("driver_id", 1001L).WithFullFeatureNames());
        var pinned = await store.GetOnlineFeaturesAsync(OnlineFeatureQuery.ForFeatureService("ranking_v1").WithEntities("driver_id", 1001L));
        var all = await store.GetOnlineFeaturesAsync(OnlineFeatureQuery.ForFeatures($"{View}@1:*").WithEntities("driver_id", 1001L));

        Assert.Equal([$"{View}__conv_rate", $"{View}@1__conv_rate", $"{View}@1__rating"], sideBySide.FeatureNames);
        Assert.Equal(0.75f, sideBySide.GetValue(0, $"{View}__conv_rate").AsFloat32());
        Assert.Equal(0.25f, sideBySide.GetValue(0, $"{View}@1__conv_rate").AsFloat32());
        Assert.Equal(4.5, sideBySide.GetValue(0, $"{View}@1__rating").AsFloat64());
        Assert.Equal(["conv_rate", "rating"], pinned.FeatureNames);
        Assert.Equal(0.25f, pinned.GetValue(0, "conv_rate").AsFloat32());
        Assert.Equal(4.5, pinned.GetValue(0, "rating").AsFloat64());
        Assert.Equal(["conv_rate", "acc_rate", "avg_daily_trips", "rating"], all.FeatureNames);
    }

    [Fact]
    public async Task A_version_that_is_not_live_or_a_feature_the_version_lacks_is_refused_naming_the_live_versions()
    {
        using var repo = await SampleRepo.CreateAsync();
        await using var store = await FeatureStoreSession.OpenAsync(repo.Dir);
        await ApplyBothVersionsAsync(store);

        var notLive = await Assert.ThrowsAsync<FeatureStoreException>(() => store.GetOnlineFeaturesAsync(
            OnlineFeatureQuery.ForFeatures($"{View}:conv_rate", $"{View}@9:conv_rate").WithEntities("driver_id", 1001L)));
        var dropped = await Assert.ThrowsAsync<FeatureStoreException>(() => store.GetOnlineFeaturesAsync(
            OnlineFeatureQuery.ForFeatures($"{View}:rating").WithEntities("driver_id", 1001L)));
        var unknown = await Assert.ThrowsAsync<FeatureStoreException>(() => store.GetOnlineFeaturesAsync(
            OnlineFeatureQuery.ForFeatures("ghost@1:conv_rate").WithEntities("driver_id", 1001L)));

        Assert.Equal(FeatureStoreErrorCode.InvalidOnlineRequest, notLive.Code);
        Assert.StartsWith($"feature view '{View}' has no live version 9 (live: 2, 1;", notLive.Message, StringComparison.Ordinal);
        Assert.Equal($"feature 'rating' is not in feature view '{View}' (its features: conv_rate, acc_rate, avg_daily_trips)", dropped.Message);
        Assert.StartsWith("unknown feature view 'ghost@1' (registered: ", unknown.Message, StringComparison.Ordinal);
    }

    /// <summary>Version 1 as the sample declares it, then version 2 without 'rating', keeping version 1 live, with a service pinned to it.</summary>
    private static async Task ApplyBothVersionsAsync(FeatureStoreSession store)
    {
        await store.ApplyAsync(RidesDefinitions.Build());
        var v2 = RidesDefinitions.Build(driverStatsVersion: 2);
        var view = v2.FeatureViews.Single(v => v.Name == View);
        await store.ApplyAsync(v2 with
        {
            FeatureViews = [.. v2.FeatureViews.Select(v => v.Name != View ? v : view with
            {
                Features = [.. view.Features.Where(f => f.Name != "rating")],
                KeepVersions = 2,
            })],
            FeatureServices = [.. v2.FeatureServices, new FeatureServiceDefinition("ranking_v1", [new FeatureSelection($"{View}@1", ["conv_rate", "rating"])], "rides-ml@example.com")],
        });
    }

    /// <summary>Driver 1001 under each version's own online key: (view name, 1) and (view name, 2).</summary>
    private static async Task WriteBothVersionsAsync(FeatureStoreSession store)
    {
        await using var online = OnlineStoreFactory.Open(store.Config.OnlineStore.ToOnlineStoreSettings(), store.RepoDir);
        var key = EntityKey.Of(FeatureValue.FromInt64(1001));
        var at = DateTimeOffset.UtcNow.AddMinutes(-5);
        await online.WriteAsync(new OnlineViewRef(store.Project, View, 1), ["conv_rate", "acc_rate", "avg_daily_trips", "rating"],
            [new OnlineRow(key, [FeatureValue.FromFloat32(0.25f), FeatureValue.FromFloat32(0.5f), FeatureValue.FromInt32(3), FeatureValue.FromFloat64(4.5)], at)]);
        await online.WriteAsync(new OnlineViewRef(store.Project, View, 2), ["conv_rate", "acc_rate", "avg_daily_trips"],
            [new OnlineRow(key, [FeatureValue.FromFloat32(0.75f), FeatureValue.FromFloat32(0.5f), FeatureValue.FromInt32(3)], at)]);
    }
}
