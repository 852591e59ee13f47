using System.Diagnostics;
using System.Globalization;
using FeatureStore.Offline;
using FeatureStore.Registry.Access;
using FeatureStore.Registry.Model;
using FeatureStore.Registry.Storage;
using FeatureStore.Registry.Yaml;

namespace FeatureStore.Cli.Tests;

/// <summary>
/// <c>get-historical-features</c> with personal and sensitive features, run as its own process with the key in
/// <c>FEATURESTORE_API_KEY</c> and the masking key in <c>FEATURESTORE_MASK_KEY</c>: refused without key, grant or
/// purpose (one line on stderr, exit 1, no file); allowed with them, the manifest and the audit log say who and why.
/// </summary>
public sealed class OfflineExportCommandTests : IAsyncLifetime
{
    private const string MaskKey = "cli-masking-key-with-more-than-32-chars";
    private readonly string root = Directory.CreateTempSubdirectory("fs-cli-export-").FullName;
    private IRegistryStore registry = null!;
    private string project = null!;

    private string Dir => Path.Combine(root, "repo");

    private string SpinePath => Path.Combine(root, "customers.csv");

    public async Task InitializeAsync()
    {
        Assert.Equal(0, (await CliRunner.RunAsync("init", Dir, "--project", "rides")).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync("apply", "--repo", Dir)).ExitCode);
        var config = FeatureRepoLoader.LoadConfig(Dir);
        project = config.Project;
        registry = RegistryStoreFactory.Open(config.Registry, Dir);
        await registry.InitializeAsync();
        var at = DateTimeOffset.UtcNow.AddHours(-1).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        await File.WriteAllLinesAsync(SpinePath, ["customer_id,event_timestamp", .. Enumerable.Range(1, 12).Select(i => $"C{i:D5},{at}")]);
    }

    public async Task DisposeAsync()
    {
        await registry.DisposeAsync();
        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public async Task The_command_refuses_without_key_grant_or_purpose_and_exports_masked_with_them()
    {
        var output = Path.Combine(root, "train.parquet");
        string[] export = ["get-historical-features", "--repo", Dir, "--spine", SpinePath, "--feature-service", "customer_risk", "--output", output];

        var result = await RunAsync(null, [.. export, "--purpose", "risk model"]);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("exporting personal or sensitive features customer_profile:age (personal), customer_profile:credit_score (sensitive) needs an authenticated principal: no API key", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));

        var (token, record) = ApiKeys.Create("risk-trainer", "test", DateTimeOffset.UtcNow, iterations: 1_000);
        await CommitAsync(new ObjectWrite(ObjectKind.AccessKey, record.KeyId, ChangeType.Added, RegistryJson.Serialize(record), "key"));
        result = await RunAsync(token, [.. export, "--purpose", "risk model"]);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("principal 'risk-trainer' may not export customer_profile:age (personal): no offline grant covers it", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(token, result.Error + result.Output, StringComparison.Ordinal);

        var grant = new GrantDefinition("risk-trainer", GrantTargetKind.FeatureService, "customer_risk", PiiClass.Sensitive, Online: false, Offline: true);
        await CommitAsync(new ObjectWrite(ObjectKind.Grant, grant.Name, ChangeType.Added, RegistryJson.Serialize(grant), "grant"));
        result = await RunAsync(token, export);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("needs a purpose: give --purpose", result.Error, StringComparison.Ordinal);

        result = await RunAsync(token, [.. export, "--purpose", "risk model", "--principal", "someone-else"]);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("authenticates principal 'risk-trainer', not 'someone-else'", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));

        result = await RunAsync(token, [.. export, "--purpose", "risk model", "--principal", "risk-trainer", "--mask"]);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("exported by risk-trainer for \"risk model\"; masked: age, credit_score", result.Output, StringComparison.Ordinal);
        var manifest = ManifestJson.Read(ManifestJson.PathFor(output));
        Assert.Equal("risk-trainer", manifest.Principal);
        Assert.Equal("risk model", manifest.Purpose);
        Assert.True(manifest.Masked);
        Assert.Equal(["age:personal:True", "credit_score:sensitive:True", "lifetime_value:none:False"], manifest.Features.Select(f => $"{f.Column}:{f.Pii}:{f.Masked}"));

        var verify = await CliRunner.RunAsync("verify-training-set", ManifestJson.PathFor(output));
        Assert.True(verify.ExitCode == 0, verify.Output + verify.Error);

        var line = Assert.Single(await registry.QueryAuditAsync(project, new AuditQuery(Actor: "risk-trainer")), a => a.Entry.Action == AuditActions.OfflineExport).Entry;
        Assert.Equal("customer_profile:age,customer_profile:credit_score", line.Subject);
        Assert.Equal($"purpose: risk model; output: {output}; masked: yes", line.Detail);
        Assert.Equal(12, line.Count);
        Assert.Equal("risk-trainer", Assert.Single(await registry.GetTrainingSetsAsync(project)).Actor);
    }

    private async Task CommitAsync(ObjectWrite write)
    {
        var state = await registry.LoadAsync(project);
        await registry.CommitAsync(project, state.Revision, "test", [write]);
    }

    /// <summary>Runs the CLI as its own process with (or without) the API key and with the masking key in its environment.</summary>
    private static async Task<CliRunner.Result> RunAsync(string? apiKey, string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "featurestore.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment.Remove("FEATURESTORE_API_KEY");
        if (apiKey is not null)
        {
            info.Environment["FEATURESTORE_API_KEY"] = apiKey;
        }

        info.Environment["FEATURESTORE_MASK_KEY"] = MaskKey;
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet");
        return await CliRunner.WaitAsync(process);
    }
}
