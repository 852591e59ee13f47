using Apache.Arrow;
using Apache.Arrow.Types;
using FeatureStore.OfflineServing.Hosting;
using FeatureStore.Registry.Access;
using FeatureStore.Registry.Model;
using FeatureStore.Registry.Storage;
using FeatureStore.Registry.Yaml;
using FeatureStore.Sdk;
using FeatureStore.Sdk.Flight;
using Grpc.Core;
using ArrowRecordBatch = Apache.Arrow.RecordBatch;

namespace FeatureStore.OfflineServing.Tests;

/// <summary>
/// Exports over Arrow Flight with the C# client: the <c>authorization: Bearer</c> key decides the principal. Without a key
/// UNAUTHENTICATED, without a covering offline grant PERMISSION_DENIED, without a purpose INVALID_ARGUMENT; allowed exports
/// carry principal, purpose and masking in the manifest and one audit line naming the ticket, and leave no training-set record.
/// </summary>
public sealed class FlightExportAccessTests : IAsyncLifetime
{
    private const string MaskKey = "server-side-masking-key-of-32-chars-or-more";
    private readonly string root = Directory.CreateTempSubdirectory("fs-flight-export-").FullName;
    private IRegistryStore registry = null!;
    private FeatureStoreSession session = null!;
    private OfflineFlightServer server = null!;
    private string project = null!;

    private string Dir => Path.Combine(root, "repo");

    public async Task InitializeAsync()
    {
        await RidesRepo.CliAsync("init", Dir, "--project", "rides");
        await RidesRepo.CliAsync("apply", "--repo", Dir);
        var config = FeatureRepoLoader.LoadConfig(Dir);
        project = config.Project;
        registry = RegistryStoreFactory.Open(config.Registry, Dir);
        await registry.InitializeAsync();

        // The server masks with its own key: clients never hold it.
        Environment.SetEnvironmentVariable("FEATURESTORE_MASK_KEY", MaskKey);
        session = await FeatureStoreSession.OpenAsync(Dir);
        server = await OfflineFlightServer.StartAsync(new OfflineFlightServerOptions { Port = 0 }, session);
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        await session.DisposeAsync();
        await registry.DisposeAsync();
        Environment.SetEnvironmentVariable("FEATURESTORE_MASK_KEY", null);
        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public async Task Each_refusal_has_its_status_and_an_allowed_masked_export_is_audited_by_ticket()
    {
        var request = OfflineFlightRequest.ForFeatureService("customer_risk") with { Purpose = "risk model" };
        using (var anonymous = new OfflineFlightClient(server.Address))
        {
            var error = await Assert.ThrowsAsync<OfflineFlightException>(() => anonymous.GetTrainingSetAsync(Spine(), request));
            Assert.Equal(StatusCode.Unauthenticated, error.Status);
            Assert.Contains("customer_profile:credit_score (sensitive)", error.Detail, StringComparison.Ordinal);
        }

        var noGrant = await KeyAsync("no-grant");
        var online = await KeyAsync("online-reader");
        await GrantAsync(new GrantDefinition("online-reader", GrantTargetKind.FeatureService, "customer_risk", PiiClass.Sensitive, Online: true, Offline: false));
        var personal = await KeyAsync("personal-reader");
        await GrantAsync(new GrantDefinition("personal-reader", GrantTargetKind.FeatureService, "customer_risk", PiiClass.Personal, Online: false, Offline: true));
        foreach (var (token, expected) in new[]
        {
            (noGrant, "principal 'no-grant' may not export customer_profile:age (personal): no offline grant covers it"),
            (online, "principal 'online-reader' may not export customer_profile:age (personal): no offline grant covers it"),
            (personal, "customer_profile:credit_score (sensitive): its PII class sensitive is above the grant's personal"),
        })
        {
            using var client = new OfflineFlightClient(server.Address, token);
            var error = await Assert.ThrowsAsync<OfflineFlightException>(() => client.GetTrainingSetAsync(Spine(), request));
            Assert.Equal(StatusCode.PermissionDenied, error.Status);
            Assert.Contains(expected, error.Detail, StringComparison.Ordinal);
            Assert.DoesNotContain(token, error.Detail, StringComparison.Ordinal);
        }

        using (var forged = new OfflineFlightClient(server.Address, "fsk_0123456789ab_notarealsecretatall000000"))
        {
            Assert.Equal(StatusCode.Unauthenticated, (await Assert.ThrowsAsync<OfflineFlightException>(() => forged.GetTrainingSetAsync(Spine(), request))).Status);
        }

        var trainer = await KeyAsync("risk-trainer");
        await GrantAsync(new GrantDefinition("risk-trainer", GrantTargetKind.FeatureView, "customer_profile", PiiClass.Sensitive, Online: false, Offline: true));
        using var allowed = new OfflineFlightClient(server.Address, trainer);
        var missingPurpose = await Assert.ThrowsAsync<OfflineFlightException>(() => allowed.GetTrainingSetAsync(Spine(), request with { Purpose = null }));
        Assert.Equal(StatusCode.InvalidArgument, missingPurpose.Status);
        Assert.Contains("needs a purpose", missingPurpose.Detail, StringComparison.Ordinal);

        using var plain = await allowed.GetTrainingSetAsync(Spine(), request);
        using var masked = await allowed.GetTrainingSetAsync(Spine(), request with { Mask = true });
        Assert.Equal("risk-trainer", masked.Manifest.Principal);
        Assert.Equal("risk model", masked.Manifest.Purpose);
        Assert.True(masked.Manifest.Masked);
        Assert.Equal(["age:personal:True", "credit_score:sensitive:True", "lifetime_value:none:False"], masked.Manifest.Features.Select(f => $"{f.Column}:{f.Pii}:{f.Masked}"));
        Assert.False(plain.Manifest.Masked);
        var hashes = (StringArray)masked.Batches[0].Column("credit_score");
        var scores = (Int32Array)plain.Batches[0].Column("credit_score");
        Assert.IsType<StringType>(masked.Schema.GetFieldByName("credit_score").DataType);
        for (var row = 0; row < hashes.Length; row++)
        {
            Assert.Equal(scores.IsNull(row), hashes.IsNull(row));
            if (!scores.IsNull(row))
            {
                var expected = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
                    System.Text.Encoding.UTF8.GetBytes(MaskKey), System.Text.Encoding.UTF8.GetBytes(scores.GetValue(row)!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))).AsSpan(0, 16));
                Assert.Equal(expected, hashes.GetString(row));
            }
        }

        var lines = (await registry.QueryAuditAsync(project, new AuditQuery(Actor: "risk-trainer"))).Where(a => a.Entry.Action == AuditActions.OfflineExport).ToList();
        Assert.Equal(2, lines.Count);
        Assert.All(lines, l => Assert.Equal("customer_profile:age,customer_profile:credit_score", l.Entry.Subject));
        Assert.All(lines, l => Assert.Equal(Spine().Length, l.Entry.Count));
        Assert.Equal($"purpose: risk model; output: {masked.Manifest.Output.Path}; masked: yes", lines[0].Entry.Detail);
        Assert.StartsWith("flight:", masked.Manifest.Output.Path, StringComparison.Ordinal);
        Assert.Empty(await registry.GetTrainingSetsAsync(project));
    }

    private static ArrowRecordBatch Spine()
    {
        var at = DateTimeOffset.UtcNow.AddHours(-1);
        var ids = Enumerable.Range(1, 12).Select(i => $"C{i:D5}").ToList();
        return new ArrowRecordBatch.Builder()
            .Append("customer_id", false, new StringArray.Builder().AppendRange(ids).Build())
            .Append("event_timestamp", false, new TimestampArray.Builder(new TimestampType(Apache.Arrow.Types.TimeUnit.Microsecond, "UTC")).AppendRange(ids.Select(_ => at)).Build())
            .Build();
    }

    private async Task<string> KeyAsync(string principal)
    {
        var (token, record) = ApiKeys.Create(principal, "test", DateTimeOffset.UtcNow, iterations: 1_000);
        await CommitAsync(new ObjectWrite(ObjectKind.AccessKey, record.KeyId, ChangeType.Added, RegistryJson.Serialize(record), "key"));
        return token;
    }

    private Task GrantAsync(GrantDefinition grant) =>
        CommitAsync(new ObjectWrite(ObjectKind.Grant, grant.Name, ChangeType.Added, RegistryJson.Serialize(grant), "grant"));

    private async Task CommitAsync(ObjectWrite write)
    {
        var state = await registry.LoadAsync(project);
        await registry.CommitAsync(project, state.Revision, "test", [write]);
    }
}
