using System.Security.Cryptography;
using System.Text;
using FeatureStore.Offline;
using FeatureStore.Online;
using FeatureStore.Parquet;
using FeatureStore.Registry.Storage;
using FeatureStore.Sdk.Erasure;
using FeatureStore.Sdk.Offline;
using static FeatureStore.Sdk.Tests.Erasure.ErasureRepo;

namespace FeatureStore.Sdk.Tests.Erasure;

/// <summary>EraseEntityAsync against real files and every online store: what goes, what stays, the audit line, training sets.</summary>
public sealed class EraseEntityTests
{
    public sealed record SpineRow(string CustomerId, DateTimeOffset EventTimestamp);

    public static TheoryData<string> Stores => new() { "sqlite", "redis", "redis-cluster" };

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Erasing_a_customer_removes_its_single_and_composite_keys_online_and_its_rows_offline_and_nothing_else(string kind)
    {
        using var repo = await ErasureRepo.CreateAsync(OnlineStoreBlock(kind));
        await using var store = await FeatureStoreSession.OpenAsync(repo.Dir);
        await store.MaterializeAsync(Day0.AddDays(-1), Day0.AddDays(5));
        var manifests = await WriteTrainingSetsAsync(store, repo);
        var untouchedFile = repo.PathOf("data/pairs/part-2.parquet");
        var untouchedBytes = await File.ReadAllBytesAsync(untouchedFile);
        var before = repo.ReadRows();

        var report = await store.EraseEntityAsync("customer_id", "C2");

        Assert.False(report.DryRun);
        Assert.Equal(["customer_merchant", "customer_profile"], report.Views.Select(v => v.Name));
        Assert.Equal(
            ["data/customers/event_date=2026-01-01/part.parquet", "data/customers/event_date=2026-01-02/part.parquet",
             "data/customers/event_date=2026-01-03/part.parquet", "data/pairs/part-0.parquet", "data/pairs/part-1.parquet"],
            report.Files.Select(f => Path.GetRelativePath(repo.Dir, f.Path)));
        Assert.All(report.Files, f => Assert.Equal(4, f.RowsRemoved));
        Assert.Equal(20, report.RowsRemoved);
        Assert.Equal(
            ["customer_merchant@1 customer_id=C2,merchant_id=10", "customer_merchant@1 customer_id=C2,merchant_id=11",
             "customer_merchant@1 customer_id=C2,merchant_id=12", "customer_merchant@1 customer_id=C2,merchant_id=13", "customer_profile@1 customer_id=C2"],
            report.OnlineKeys.Where(k => k.Stored).Select(k => $"{k.View}@{k.Version} {k.Key}"));
        Assert.Equal([manifests.WithC2], report.TrainingSets.Select(t => t.ManifestPath));
        Assert.Equal(1, report.TrainingSets[0].Rows);

        var after = repo.ReadRows();
        Assert.Equal(before.Keys, after.Keys);
        foreach (var (file, rows) in before)
        {
            Assert.Equal(rows.Where(r => !r.StartsWith("customer_id=C2|", StringComparison.Ordinal)), after[file]);
        }

        Assert.Equal(untouchedBytes, await File.ReadAllBytesAsync(untouchedFile));
        using (var rewritten = ParquetFileReader.Open(repo.PathOf("data/customers/event_date=2026-01-02/part.parquet")))
        {
            Assert.Equal("customers day 1", rewritten.KeyValueMetadata["origin"]);
            Assert.Equal(["customer_id: String", "event_timestamp: Timestamp(Micros, utc=True)", "spend: Double?", "tier: String?"], rewritten.Schema.Fields.Select(f => f.ToString()));
            Assert.All(rewritten.RowGroups.SelectMany(g => g.Columns), c => Assert.Equal(ParquetCompression.Zstd, c.Codec));
        }

        Assert.DoesNotContain(repo.DataFiles(), f => f.Contains(".tmp-", StringComparison.Ordinal));

        await using (var online = OpenOnline(store))
        {
            Assert.Equal(new[] { true, false, true, true, true }, await FoundAsync(online, repo.Project, "customer_profile", [.. Customers.Select(Customer)]));
            Assert.Equal(
                Customers.SelectMany(c => Merchants.Select(_ => c != "C2")),
                await FoundAsync(online, repo.Project, "customer_merchant", [.. Customers.SelectMany(c => Merchants.Select(m => Pair(c, m)))]));
            Assert.Equal(new[] { true, true, true, true }, await FoundAsync(online, repo.Project, "merchant_stats", [.. Merchants.Select(Merchant)]));
        }

        Assert.False((await ManifestVerifier.VerifyAsync(manifests.WithC2)).Unchanged);
        var audit = await store.QueryAuditAsync(new AuditQuery(Subject: SubjectOf("customer_id", "C2")));
        var line = Assert.Single(audit).Entry;
        Assert.Equal((AuditActions.Erase, 20L), (line.Action, line.Count));
        Assert.Equal(Environment.GetEnvironmentVariable("FEATURESTORE_ACTOR") is { Length: > 0 } actor ? actor : $"{Environment.UserName}@{Environment.MachineName}", line.Actor);
        Assert.Equal("online keys deleted: 5; files rewritten: 5; rows removed: 20; training sets holding it: 1", line.Detail);
        Assert.DoesNotContain("C2", line.Subject + line.Detail, StringComparison.Ordinal);

        var again = await store.EraseEntityAsync("customer_id", "C2");
        Assert.Equal((0, 0L, 0), (again.Files.Count, again.RowsRemoved, again.OnlineRowsDeleted));
        Assert.Equal(after, repo.ReadRows());

        var merchant = await store.EraseEntityAsync([new ErasureTarget("merchant_id", 11L)]);
        Assert.Equal(["customer_merchant", "merchant_stats"], merchant.Views.Select(v => v.Name));
        Assert.Equal(5, merchant.OnlineRowsDeleted);
        Assert.Equal(12, merchant.RowsRemoved);
        await using (var online = OpenOnline(store))
        {
            Assert.Equal(new[] { true, false, true, true }, await FoundAsync(online, repo.Project, "merchant_stats", [.. Merchants.Select(Merchant)]));
            Assert.Equal(
                Customers.SelectMany(c => Merchants.Select(m => c != "C2" && m != 11)),
                await FoundAsync(online, repo.Project, "customer_merchant", [.. Customers.SelectMany(c => Merchants.Select(m => Pair(c, m)))]));
        }
    }

    [Fact]
    public async Task A_dry_run_reports_what_would_change_and_changes_nothing()
    {
        using var repo = await ErasureRepo.CreateAsync();
        await using var store = await FeatureStoreSession.OpenAsync(repo.Dir);
        await store.MaterializeAsync(Day0.AddDays(-1), Day0.AddDays(5));
        var manifests = await WriteTrainingSetsAsync(store, repo);
        var bytes = repo.DataFiles().ToDictionary(f => f, File.ReadAllBytes);

        var report = await store.EraseEntityAsync([new ErasureTarget("customer_id", "C2")], new EraseOptions { DryRun = true });

        Assert.True(report.DryRun);
        Assert.Equal((5, 20L, 5), (report.Files.Count, report.RowsRemoved, report.OnlineRowsDeleted));
        Assert.Equal([manifests.WithC2], report.TrainingSets.Select(t => t.ManifestPath));
        Assert.Equal(bytes.Keys, repo.DataFiles());
        Assert.All(bytes, file => Assert.Equal(file.Value, File.ReadAllBytes(file.Key)));
        await using (var online = OpenOnline(store))
        {
            Assert.Equal(new[] { true, true, true, true, true }, await FoundAsync(online, repo.Project, "customer_profile", [.. Customers.Select(Customer)]));
        }

        Assert.True((await ManifestVerifier.VerifyAsync(manifests.WithC2)).Unchanged);
        Assert.DoesNotContain(await store.QueryAuditAsync(new AuditQuery()), r => r.Entry.Action == AuditActions.Erase);
    }

    [Fact]
    public async Task A_hive_folder_named_by_the_value_is_deleted_whole()
    {
        using var repo = await ErasureRepo.CreateAsync();
        var folder = repo.PathOf("data/pairs/customer_id=C9");
        Directory.CreateDirectory(folder);
        var schema = new ParquetSchema(
            new ParquetField("merchant_id", ParquetType.Int64, Nullable: false),
            new ParquetField("event_timestamp", ParquetType.Timestamp(), Nullable: false),
            new ParquetField("visits", ParquetType.Int64));
        using (var writer = ParquetFileWriter.Create(Path.Combine(folder, "part.parquet"), schema))
        {
            writer.WriteBatch(new RecordBatch(schema, [new Int64Column([.. Merchants]), new Int64Column([.. Merchants.Select(_ => Day0.ToUnixTimeMilliseconds() * 1000)]), new Int64Column([1, 2, 3, 4])], 4));
        }

        await using var store = await FeatureStoreSession.OpenAsync(repo.Dir);

        var report = await store.EraseEntityAsync("customer_id", "C9");

        var file = Assert.Single(report.Files);
        Assert.True(file.Deleted);
        Assert.Equal((4L, 4L), (file.Rows, file.RowsRemoved));
        Assert.False(Directory.Exists(folder));
        Assert.Contains("customer_id=C9,merchant_id=10", report.OnlineKeys.Select(k => k.Key));
    }

    [Fact]
    public async Task Bad_input_is_refused_naming_the_key_or_value_and_nothing_changes()
    {
        using var repo = await ErasureRepo.CreateAsync();
        await using var store = await FeatureStoreSession.OpenAsync(repo.Dir);
        var bytes = repo.DataFiles().ToDictionary(f => f, File.ReadAllBytes);

        var unknown = await Assert.ThrowsAsync<FeatureStoreException>(() => store.EraseEntityAsync("driver_id", "7"));
        Assert.Equal(FeatureStoreErrorCode.NotFound, unknown.Code);
        Assert.Equal($"'driver_id' is not a join key of any registered entity of project '{repo.Project}' (join keys: customer_id, merchant_id)", unknown.Message);

        var notInteger = await Assert.ThrowsAsync<FeatureStoreException>(() => store.EraseEntityAsync("merchant_id", "eleven"));
        Assert.Equal(FeatureStoreErrorCode.Erasure, notInteger.Code);
        Assert.Equal("entity merchant_id=eleven: join key merchant_id is int64, and the value is not an integer", notInteger.Message);

        var notString = await Assert.ThrowsAsync<FeatureStoreException>(() => store.EraseEntityAsync("customer_id", 12L));
        Assert.Contains("join key customer_id is string", notString.Message, StringComparison.Ordinal);

        var malformed = Assert.Throws<FeatureStoreException>(() => ErasureTarget.Parse("C2"));
        Assert.Equal("entity 'C2' is not JOIN_KEY=VALUE (like customer_id=C123)", malformed.Message);
        Assert.All(bytes, file => Assert.Equal(file.Value, File.ReadAllBytes(file.Key)));
    }

    internal static string SubjectOf(string joinKey, string value) =>
        $"{joinKey}=sha256:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..16]}";

    private static string? OnlineStoreBlock(string kind) => kind switch
    {
        "sqlite" => null,
        "redis" => $"online_store:\n  type: redis\n  connection_string: {TestServers.Redis}\n",
        _ => $"online_store:\n  type: redis-cluster\n  connection_string: {TestServers.RedisCluster}\n",
    };

    /// <summary>Two training sets written through the SDK and recorded in the registry: one with C2 in its spine, one without.</summary>
    private static async Task<(string WithC2, string WithoutC2)> WriteTrainingSetsAsync(FeatureStoreSession store, ErasureRepo repo)
    {
        var at = Day0.AddDays(4);
        await store.GetHistoricalFeatures(Spine.FromRows([new SpineRow("C1", at), new SpineRow("C2", at)]), ["customer_profile:spend"]).WriteAsync(repo.PathOf("train.parquet"));
        await store.GetHistoricalFeatures(Spine.FromRows([new SpineRow("C3", at)]), ["customer_profile:spend"]).WriteAsync(repo.PathOf("other.parquet"));
        var paths = (repo.PathOf("train.parquet.manifest.json"), repo.PathOf("other.parquet.manifest.json"));
        await using var registry = RegistryStoreFactory.Open(store.Config.Registry, repo.Dir);
        foreach (var manifest in new[] { paths.Item1, paths.Item2 })
            await registry.RecordTrainingSetAsync(store.Project, new TrainingSetRecord(manifest, DateTimeOffset.UtcNow, "test", 1));
        return paths;
    }

    private static IOnlineStore OpenOnline(FeatureStoreSession store) =>
        OnlineStoreFactory.Open(store.Config.OnlineStore.ToOnlineStoreSettings(), store.RepoDir);

    private static async Task<bool[]> FoundAsync(IOnlineStore online, string project, string view, EntityKey[] keys) =>
        [.. (await online.ReadAsync([new OnlineReadRequest(new OnlineViewRef(project, view, 1), ["visits"], keys)])).Requests[0].Rows.Select(r => r.Found)];
}
