namespace FeatureStore.Cli.Tests.Access;

/// <summary>The same access and audit flow against a PostgreSQL registry (FEATURESTORE_TEST_PG), in a fresh database.</summary>
public sealed class PostgresAccessCommandTests : IDisposable
{
    private readonly TempRepo _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task Keys_grants_show_history_and_audit_work_against_postgres()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        Assert.Equal(0, (await CliRunner.RunAsync("init", _scratch.Dir)).ExitCode);
        var config = _scratch.PathOf("featurestore.yaml");
        var text = await File.ReadAllTextAsync(config);
        var postgres = text.Replace("  type: sqlite\n  path: .featurestore/registry.db\n", $"  type: postgres\n  connection_string: \"{database.ConnectionString}\"\n", StringComparison.Ordinal);
        Assert.NotEqual(text, postgres);
        await File.WriteAllTextAsync(config, postgres);
        Assert.Equal(0, (await CliRunner.RunAsync("apply", "--repo", _scratch.Dir)).ExitCode);

        await AccessCliFlow.RunAsync(_scratch.Dir);

        Assert.False(File.Exists(_scratch.PathOf(".featurestore/registry.db")));
    }
}
