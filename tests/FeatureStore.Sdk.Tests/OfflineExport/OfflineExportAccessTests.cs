using FeatureStore.Offline;
using FeatureStore.Registry.Model;
using FeatureStore.Registry.Storage;
using FeatureStore.Sdk.Offline;

namespace FeatureStore.Sdk.Tests.OfflineExport;

/// <summary>
/// Training sets with personal or sensitive features through the SDK: refused before any data is read without an
/// authenticated principal, a covering offline grant or a purpose; allowed exports carry principal, purpose and PII
/// classes in the manifest, one audit line and a training-set record.
/// </summary>
public sealed class OfflineExportAccessTests : IAsyncLifetime
{
    private GovernedRepo repo = null!;

    public async Task InitializeAsync() => repo = await GovernedRepo.CreateAsync();

    public async Task DisposeAsync() => await repo.DisposeAsync();

    [Fact]
    public async Task Personal_features_without_an_api_key_are_unauthenticated_and_nothing_is_written()
    {
        var output = Path.Combine(repo.Root, "none.parquet");
        var error = await RefusedAsync(output, new HistoricalFeatureOptions { ApiKeyFromEnvironment = false, Purpose = GovernedRepo.PurposeText });
        Assert.Equal(FeatureStoreErrorCode.Unauthenticated, error.Code);
        Assert.Contains("customer_profile:age (personal)", error.Message, StringComparison.Ordinal);
        Assert.Contains("customer_profile:credit_score (sensitive)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("lifetime_value", error.Message, StringComparison.Ordinal);
        Assert.Contains("no API key", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
        Assert.False(File.Exists(ManifestJson.PathFor(output)));
    }

    [Fact]
    public async Task A_key_that_does_not_authenticate_is_refused_without_echoing_it()
    {
        const string forged = "fsk_0123456789ab_thisisnotthesecretofanykey0000";
        var revoked = await repo.KeyAsync("revoked-job");
        await repo.GrantAsync("revoked-job", PiiClass.Sensitive);
        await RevokeAsync(revoked);
        foreach (var token in new[] { forged, revoked, "not-a-key" })
        {
            var error = await RefusedAsync(Path.Combine(repo.Root, "forged.parquet"), new HistoricalFeatureOptions { ApiKey = token, Purpose = GovernedRepo.PurposeText });
            Assert.Equal(FeatureStoreErrorCode.Unauthenticated, error.Code);
            Assert.Contains("does not authenticate", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(token, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_principal_without_a_grant_above_its_grant_or_with_an_online_only_grant_is_denied()
    {
        var noGrant = await repo.KeyAsync("no-grant");
        var personal = await repo.KeyAsync("personal-only");
        await repo.GrantAsync("personal-only", PiiClass.Personal);
        var online = await repo.KeyAsync("online-only");
        await repo.GrantAsync("online-only", PiiClass.Sensitive, online: true, offline: false);

        var error = await RefusedAsync(Path.Combine(repo.Root, "a.parquet"), Options(noGrant));
        Assert.Equal(FeatureStoreErrorCode.PermissionDenied, error.Code);
        Assert.Contains("principal 'no-grant' may not export customer_profile:age (personal): no offline grant covers it", error.Message, StringComparison.Ordinal);
        Assert.Contains("customer_profile:lifetime_value (none): no offline grant covers it", error.Message, StringComparison.Ordinal);

        error = await RefusedAsync(Path.Combine(repo.Root, "b.parquet"), Options(personal));
        Assert.Equal(FeatureStoreErrorCode.PermissionDenied, error.Code);
        Assert.Contains("customer_profile:credit_score (sensitive): its PII class sensitive is above the grant's personal", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("customer_profile:age", error.Message, StringComparison.Ordinal);

        error = await RefusedAsync(Path.Combine(repo.Root, "c.parquet"), Options(online));
        Assert.Equal(FeatureStoreErrorCode.PermissionDenied, error.Code);
        Assert.Contains("principal 'online-only' may not export customer_profile:age (personal): no offline grant covers it", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_granted_principal_without_a_purpose_is_refused_and_a_wrong_principal_name_too()
    {
        var key = await repo.KeyAsync("churn-trainer");
        await repo.GrantAsync("churn-trainer", PiiClass.Sensitive);
        var error = await RefusedAsync(Path.Combine(repo.Root, "p.parquet"), Options(key) with { Purpose = "  " });
        Assert.Equal(FeatureStoreErrorCode.InvalidExport, error.Code);
        Assert.Contains("needs a purpose", error.Message, StringComparison.Ordinal);
        Assert.Contains("customer_profile:home_city (personal)", error.Message, StringComparison.Ordinal);

        error = await RefusedAsync(Path.Combine(repo.Root, "q.parquet"), Options(key) with { Principal = "someone-else" });
        Assert.Equal(FeatureStoreErrorCode.Unauthenticated, error.Code);
        Assert.Contains("authenticates principal 'churn-trainer', not 'someone-else'", error.Message, StringComparison.Ordinal);

        // The in-memory forms are exports too.
        await using var store = await repo.OpenAsync();
        var denied = await Assert.ThrowsAsync<FeatureStoreException>(() =>
            store.GetHistoricalFeatures(Spine.FromFile(repo.CustomerSpine), GovernedRepo.CustomerFeatures, new HistoricalFeatureOptions { ApiKeyFromEnvironment = false }).ExecuteAsync());
        Assert.Equal(FeatureStoreErrorCode.Unauthenticated, denied.Code);
    }

    [Fact]
    public async Task An_allowed_export_records_principal_purpose_and_pii_in_the_manifest_one_audit_line_and_the_training_set()
    {
        var key = await repo.KeyAsync("churn-trainer");
        await repo.GrantAsync("churn-trainer", PiiClass.Sensitive);
        var old = DateTimeOffset.UtcNow.AddDays(-500);
        await repo.Registry.AppendAuditAsync(repo.Project, [new AuditEntry(old, "someone", AuditActions.OfflineExport, "customer_profile:age", "purpose: long ago")]);

        var output = Path.Combine(repo.Root, "train.parquet");
        await using var store = await repo.OpenAsync();
        var manifest = await store.GetHistoricalFeatures(Spine.FromFile(repo.CustomerSpine), GovernedRepo.CustomerFeatures, Options(key)).WriteAsync(output);

        Assert.Equal("churn-trainer", manifest.Principal);
        Assert.Equal(GovernedRepo.PurposeText, manifest.Purpose);
        Assert.False(manifest.Masked);
        Assert.Equal(["personal", "personal", "sensitive", "none"], manifest.Features.Select(f => f.Pii));
        Assert.All(manifest.Features, f => Assert.False(f.Masked));
        var written = ManifestJson.Read(ManifestJson.PathFor(output));
        Assert.Equal("churn-trainer", written.Principal);
        Assert.Equal(GovernedRepo.PurposeText, written.Purpose);
        Assert.Equal("sensitive", written.Features.Single(f => f.Column == "credit_score").Pii);
        Assert.Contains("\"principal\": \"churn-trainer\"", await File.ReadAllTextAsync(ManifestJson.PathFor(output)), StringComparison.Ordinal);
        Assert.True((await ManifestVerifier.VerifyAsync(ManifestJson.PathFor(output))).Unchanged);

        // Manifests written before these fields existed still read: no principal, purpose or masking, PII "none".
        var json = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(ManifestJson.PathFor(output)))!.AsObject();
        json.Remove("principal");
        json.Remove("purpose");
        json.Remove("masked");
        foreach (var feature in json["features"]!.AsArray())
        {
            feature!.AsObject().Remove("pii");
            feature.AsObject().Remove("masked");
        }

        var older = Path.Combine(repo.Root, "older.manifest.json");
        await File.WriteAllTextAsync(older, json.ToJsonString());
        var read = ManifestJson.Read(older);
        Assert.Null(read.Principal);
        Assert.All(read.Features, f => Assert.Equal("none", f.Pii));

        var audit = await repo.Registry.QueryAuditAsync(repo.Project, new AuditQuery());
        var line = Assert.Single(audit, a => a.Entry.Action == AuditActions.OfflineExport).Entry;
        Assert.Equal("churn-trainer", line.Actor);
        Assert.Equal("customer_profile:age,customer_profile:home_city,customer_profile:credit_score", line.Subject);
        Assert.Equal($"purpose: {GovernedRepo.PurposeText}; output: {output}; masked: no", line.Detail);
        Assert.Equal(40, line.Count);
        Assert.DoesNotContain(audit, a => a.Entry.At < DateTimeOffset.UtcNow.AddDays(-400));
        Assert.DoesNotContain(audit, a => a.Entry.Detail.Contains(key, StringComparison.Ordinal) || a.Entry.Subject.Contains(key, StringComparison.Ordinal));

        var record = Assert.Single(await repo.Registry.GetTrainingSetsAsync(repo.Project));
        Assert.Equal(ManifestJson.PathFor(output), record.ManifestPath);
        Assert.Equal("churn-trainer", record.Actor);
        Assert.Equal(40, record.Rows);
    }

    [Fact]
    public async Task Exports_of_features_of_class_none_need_no_key_write_no_audit_line_and_are_still_recorded()
    {
        var output = Path.Combine(repo.Root, "drivers.arrow");
        await using var store = await repo.OpenAsync();
        var options = new HistoricalFeatureOptions { ApiKeyFromEnvironment = false };
        var manifest = await store.GetHistoricalFeatures(Spine.FromFile(repo.DriverSpine), ["driver_hourly_stats:conv_rate"], options).WriteArrowAsync(output);
        Assert.Null(manifest.Principal);
        Assert.Null(manifest.Purpose);
        Assert.Equal("none", Assert.Single(manifest.Features).Pii);
        Assert.Equal(20, (await store.GetHistoricalFeatures(Spine.FromFile(repo.DriverSpine), ["driver_hourly_stats:conv_rate"], options).ExecuteAsync()).RowCount);

        Assert.DoesNotContain(await repo.Registry.QueryAuditAsync(repo.Project, new AuditQuery()), a => a.Entry.Action == AuditActions.OfflineExport);
        var record = Assert.Single(await repo.Registry.GetTrainingSetsAsync(repo.Project));
        Assert.Equal(ManifestJson.PathFor(output), record.ManifestPath);
        Assert.Equal(Environment.UserName, record.Actor);
        Assert.Equal(20, record.Rows);
    }

    [Fact]
    public async Task With_auth_required_every_export_needs_a_principal_with_offline_grants()
    {
        await using var required = await GovernedRepo.CreateAsync(authRequired: true);
        await using var store = await required.OpenAsync();
        var features = new[] { "driver_hourly_stats:conv_rate" };
        var error = await Assert.ThrowsAsync<FeatureStoreException>(() =>
            store.GetHistoricalFeatures(Spine.FromFile(required.DriverSpine), features, new HistoricalFeatureOptions { ApiKeyFromEnvironment = false }).ExecuteAsync());
        Assert.Equal(FeatureStoreErrorCode.Unauthenticated, error.Code);
        Assert.Contains("requires authentication", error.Message, StringComparison.Ordinal);

        var key = await required.KeyAsync("ranker");
        error = await Assert.ThrowsAsync<FeatureStoreException>(() =>
            store.GetHistoricalFeatures(Spine.FromFile(required.DriverSpine), features, new HistoricalFeatureOptions { ApiKey = key }).ExecuteAsync());
        Assert.Equal(FeatureStoreErrorCode.PermissionDenied, error.Code);
        Assert.Contains("driver_hourly_stats:conv_rate (none): no offline grant covers it", error.Message, StringComparison.Ordinal);

        await required.GrantAsync("ranker", PiiClass.None, view: "driver_hourly_stats");
        var output = Path.Combine(required.Root, "ranked.parquet");
        var manifest = await store.GetHistoricalFeatures(Spine.FromFile(required.DriverSpine), features, new HistoricalFeatureOptions { ApiKey = key }).WriteAsync(output);
        Assert.Equal("ranker", manifest.Principal);
        Assert.Equal("ranker", Assert.Single(await required.Registry.GetTrainingSetsAsync(required.Project)).Actor);
    }

    private HistoricalFeatureOptions Options(string key) => new() { ApiKey = key, Purpose = GovernedRepo.PurposeText };

    private async Task<FeatureStoreException> RefusedAsync(string output, HistoricalFeatureOptions options)
    {
        await using var store = await repo.OpenAsync();
        var job = store.GetHistoricalFeatures(Spine.FromFile(repo.CustomerSpine), GovernedRepo.CustomerFeatures, options);
        var error = await Assert.ThrowsAsync<FeatureStoreException>(() => job.WriteAsync(output));
        Assert.False(File.Exists(output));
        Assert.Empty(await repo.Registry.GetTrainingSetsAsync(repo.Project));
        return error;
    }

    private async Task RevokeAsync(string token)
    {
        Assert.True(FeatureStore.Registry.Access.ApiKeys.TryParse(token, out var keyId, out _));
        var state = await repo.Registry.LoadAsync(repo.Project);
        var stored = state.Find(ObjectKind.AccessKey, keyId)!;
        var record = RegistryJson.Deserialize<FeatureStore.Registry.Access.AccessKeyRecord>(stored.DefinitionJson) with { RevokedAt = DateTimeOffset.UtcNow.AddMinutes(-1) };
        await repo.Registry.CommitAsync(repo.Project, state.Revision, "test", [new ObjectWrite(ObjectKind.AccessKey, keyId, ChangeType.Changed, RegistryJson.Serialize(record), "revoke")]);
    }
}
