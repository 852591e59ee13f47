using FeatureStore.Online;
using FeatureStore.Registry.Model;
using FeatureStore.Registry.Planning;
using FeatureStore.Registry.Storage;

namespace FeatureStore.Benchmarks;

/// <summary>
/// The serving benchmark's repo: one entity (user, int64 user_id), 5 views x 10 features (float32, int64, float64),
/// a feature service selecting all 50; applied to a SQLite registry, and every entity's rows written through
/// <see cref="IOnlineStore.WriteAsync"/>. The repo's featurestore.yaml names that registry file and the Redis, so a
/// <c>featurestore serve</c> of this or an earlier revision serves the same data (the registry schema is shared).
/// </summary>
internal static class ServingBenchData
{
    public const int Views = 5;
    public const int FeaturesPerView = 10;
    public const string Service = "all_features";
    public const string JoinKey = "user_id";

    public static string ViewName(int view) => $"user_view_{view}";

    public static OnlineViewRef ViewRef(string project, int view) => new(project, ViewName(view), 1);

    public static EntityKey Key(long userId) => EntityKey.Of(FeatureValue.FromInt64(userId));

    public const string RegistryFile = "registry.db";

    /// <summary>Writes <c>featurestore.yaml</c> into <paramref name="repoDir"/>: SQLite registry <see cref="RegistryFile"/>, Redis online store.</summary>
    public static void WriteRepoConfig(string repoDir, string project, string redis) =>
        File.WriteAllText(Path.Combine(repoDir, "featurestore.yaml"), $"""
            project: {project}
            registry:
              type: sqlite
              path: {RegistryFile}
            online_store:
              type: redis
              connection_string: "{redis}"

            """);

    public static Task ApplyAsync(IRegistryStore registry, string project)
    {
        var views = Enumerable.Range(0, Views).Select(v => new FeatureViewDefinition(
            ViewName(v),
            ["user"],
            [.. Enumerable.Range(0, FeaturesPerView).Select(f => new FeatureDefinition(FeatureName(v, f), TypeOf(f)))],
            "user_source",
            "bench@example.com")).ToList();
        var definitions = new RegistryDefinitions(
            project,
            [new EntityDefinition("user", [new JoinKey(JoinKey, FeatureType.Int64)])],
            [new DataSourceDefinition("user_source", "data/users.parquet", "event_timestamp")],
            views,
            [new FeatureServiceDefinition(Service, [.. Enumerable.Range(0, Views).Select(v => new FeatureSelection(ViewName(v), []))], "bench@example.com")]);
        return RegistryApplier.ApplyAsync(registry, definitions, new PlanOptions(AllowBreaking: true, DeleteMissing: true), "bench", CancellationToken.None);
    }

    /// <summary>Writes entities 0..count-1 into every view, 10k rows per call.</summary>
    public static async Task WriteAsync(IOnlineStore store, string project, int count)
    {
        var eventTime = DateTimeOffset.UtcNow.AddMinutes(-1);
        var random = new Random(6);
        for (var view = 0; view < Views; view++)
        {
            for (var start = 0; start < count; start += 10_000)
            {
                var rows = new List<OnlineRow>(10_000);
                for (var id = start; id < Math.Min(count, start + 10_000); id++)
                    rows.Add(new OnlineRow(Key(id), [.. Enumerable.Range(0, FeaturesPerView).Select(f => ValueOf(f, random))], eventTime));
                await store.WriteAsync(ViewRef(project, view), FeatureNames(view), rows);
            }
        }
    }

    /// <summary>Unique across views, so responses can use plain feature names.</summary>
    public static string FeatureName(int view, int feature) => $"v{view}_f{feature}";

    public static string[] FeatureNames(int view) => [.. Enumerable.Range(0, FeaturesPerView).Select(f => FeatureName(view, f))];

    private static FeatureType TypeOf(int feature) => feature switch { < 5 => FeatureType.Float32, < 8 => FeatureType.Int64, _ => FeatureType.Float64 };

    private static FeatureValue ValueOf(int feature, Random random) => feature switch
    {
        < 5 => FeatureValue.FromFloat32(random.NextSingle()),
        < 8 => FeatureValue.FromInt64(random.Next(100_000)),
        _ => FeatureValue.FromFloat64(random.NextDouble()),
    };
}
