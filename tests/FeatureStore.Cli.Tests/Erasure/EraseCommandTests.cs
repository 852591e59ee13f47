using System.Diagnostics;
using System.Security.Cryptography;
using FeatureStore.Registry.Model;
using FeatureStore.Registry.Storage;
using FeatureStore.Registry.Yaml;

namespace FeatureStore.Cli.Tests.Erasure;

/// <summary><c>featurestore erase</c>: output, dry run, training sets, bad input, and an erase killed mid-rewrite then re-run.</summary>
public sealed class EraseCommandTests
{
    [Fact]
    public async Task An_erase_killed_with_SIGKILL_mid_rewrite_leaves_old_or_new_files_and_a_rerun_finishes_with_every_other_row_intact()
    {
        using var repo = await EventHistoryRepo.CreateAsync(files: 16, rowsPerFile: 40_000);
        var scratch = Directory.CreateTempSubdirectory("fs-erase-duckdb-").FullName;
        try
        {
            var before = Path.Combine(scratch, "before.parquet");
            DuckDbHistory.Snapshot(repo.PathOf("data"), EventHistoryRepo.Erased, before);
            var original = repo.DataFiles().ToDictionary(f => f, f => SHA256.HashData(File.ReadAllBytes(f)));

            using (var erase = CliRunner.StartProcess("erase", "--entity", $"customer_id={EventHistoryRepo.Erased}", "--repo", repo.Dir))
            {
                var clock = Stopwatch.StartNew();
                while (!repo.DataFiles().Any(f => f.Contains(".tmp-erase-", StringComparison.Ordinal)))
                {
                    if (erase.HasExited)
                        Assert.Fail($"erase ended (exit {erase.ExitCode}) before a rewrite was seen: {erase.StandardError.ReadToEnd()}");
                    Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "no rewrite began within 60 s");
                    Thread.Sleep(1);
                }

                erase.Kill();
                await erase.WaitForExitAsync();
            }

            var files = repo.DataFiles().Where(f => f.EndsWith(".parquet", StringComparison.Ordinal)).ToArray();
            Assert.Equal(original.Keys, files);
            var untouched = 0;
            foreach (var file in files)
            {
                if (SHA256.HashData(File.ReadAllBytes(file)).AsSpan().SequenceEqual(original[file]))
                    untouched++;
                else
                    Assert.Equal(0, EventHistoryRepo.ErasedRowsIn(file));
            }

            Assert.True(untouched > 0, "the erase finished before it was killed; the history is too small to catch it mid-rewrite");
            var strays = repo.DataFiles().Count(f => f.Contains(".tmp-erase-", StringComparison.Ordinal));

            var rerun = await CliRunner.RunAsync("erase", "--entity", $"customer_id={EventHistoryRepo.Erased}", "--repo", repo.Dir);

            Assert.True(rerun.ExitCode == 0, rerun.Error);
            Assert.Contains($"files rewritten: {untouched},", rerun.Output, StringComparison.Ordinal);
            if (strays > 0)
                Assert.Contains($"temporary files of an interrupted erase removed: {strays}", rerun.Output, StringComparison.Ordinal);
            Assert.DoesNotContain(repo.DataFiles(), f => f.Contains(".tmp-", StringComparison.Ordinal));
            var after = Path.Combine(scratch, "after.parquet");
            DuckDbHistory.Snapshot(repo.PathOf("data"), EventHistoryRepo.Erased, after);
            var (missing, extra, kept, erasedLeft) = DuckDbHistory.Compare(before, after, repo.PathOf("data"), EventHistoryRepo.Erased, scratch);
            Assert.Equal((0L, 0L, 0L), (missing, extra, erasedLeft));
            Assert.Equal(files.Sum(f => (long)repo.RowsPerFile - ErasedRowsOriginally(repo.RowsPerFile)), kept);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    [Fact]
    public async Task Dry_run_lists_the_changes_then_erase_makes_them_and_the_training_set_verifies_as_changed()
    {
        using var repo = await EventHistoryRepo.CreateAsync(files: 3, rowsPerFile: 3000);
        var perFile = ErasedRowsOriginally(3000);
        await File.WriteAllTextAsync(repo.PathOf("spine.csv"), "customer_id,event_timestamp\n7,2026-01-05T00:00:00Z\n100,2026-01-05T00:00:00Z\n");
        var export = await CliRunner.RunAsync("get-historical-features", "--repo", repo.Dir, "--spine", repo.PathOf("spine.csv"),
            "--features", "purchases:amount", "--output", repo.PathOf("train.parquet"));
        Assert.True(export.ExitCode == 0, export.Error);
        var manifest = repo.PathOf("train.parquet.manifest.json");
        await RecordTrainingSetAsync(repo.Dir, manifest);
        var bytes = repo.DataFiles().ToDictionary(f => f, File.ReadAllBytes);

        var dry = await CliRunner.RunAsync("erase", "--entity", "customer_id=7", "--dry-run", "--repo", repo.Dir);

        Assert.True(dry.ExitCode == 0, dry.Error);
        Assert.Equal(
            [
                "dry run: erasing customer_id=7 would change the following (nothing was changed)",
                "views: purchases@1 (customer_id)",
                "online keys to delete: 0",
                $"files to rewrite: 3, rows to remove: {3 * perFile}",
                $"  data/purchases/event_date=2026-01-01/part.parquet: {perFile} of 3000 rows",
                $"  data/purchases/event_date=2026-01-02/part.parquet: {perFile} of 3000 rows",
                $"  data/purchases/event_date=2026-01-03/part.parquet: {perFile} of 3000 rows",
                "training sets holding it: 1",
                $"  {manifest} (1 rows)",
            ],
            dry.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.All(bytes, file => Assert.Equal(file.Value, File.ReadAllBytes(file.Key)));
        Assert.Equal(0, (await CliRunner.RunAsync("verify-training-set", manifest)).ExitCode);

        var erase = await CliRunner.RunAsync("erase", "--entity", "customer_id=7", "--repo", repo.Dir);

        Assert.True(erase.ExitCode == 0, erase.Error);
        Assert.StartsWith("erased customer_id=7\n", erase.Output, StringComparison.Ordinal);
        Assert.Contains($"files rewritten: 3, rows removed: {3 * perFile}\n", erase.Output, StringComparison.Ordinal);
        Assert.Contains("training sets holding it: 1 (verify-training-set now reports them changed)", erase.Output, StringComparison.Ordinal);
        Assert.All(repo.DataFiles(), f => Assert.Equal(0, EventHistoryRepo.ErasedRowsIn(f)));
        var verify = await CliRunner.RunAsync("verify-training-set", manifest);
        Assert.NotEqual(0, verify.ExitCode);
        Assert.StartsWith("CHANGED: 3 difference(s)", verify.Output, StringComparison.Ordinal);
        Assert.Contains("content changed", verify.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("customer_id", "error: entity 'customer_id' is not JOIN_KEY=VALUE (like customer_id=C123)")]
    [InlineData("customer_id=seven", "error: entity customer_id=seven: join key customer_id is int64, and the value is not an integer")]
    [InlineData("driver_id=7", "error: 'driver_id' is not a join key of any registered entity of project 'shop' (join keys: customer_id)")]
    public async Task Bad_entities_are_refused_in_one_line_naming_them_and_nothing_changes(string entity, string error)
    {
        using var repo = await EventHistoryRepo.CreateAsync(files: 1, rowsPerFile: 100);
        var bytes = repo.DataFiles().ToDictionary(f => f, File.ReadAllBytes);

        var result = await CliRunner.RunAsync("erase", "--entity", entity, "--repo", repo.Dir);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal([error], result.ErrorLines);
        Assert.All(bytes, file => Assert.Equal(file.Value, File.ReadAllBytes(file.Key)));
    }

    /// <summary>Rows of the erased customer in each file of <see cref="EventHistoryRepo"/> (rows where row % 997 == 5).</summary>
    private static int ErasedRowsOriginally(int rowsPerFile) => Enumerable.Range(0, rowsPerFile).Count(r => r % 997 == 5);

    private static async Task RecordTrainingSetAsync(string repoDir, string manifest)
    {
        var config = FeatureRepoLoader.LoadConfig(repoDir);
        await using var registry = RegistryStoreFactory.Open(config.Registry, repoDir);
        await registry.RecordTrainingSetAsync(config.Project, new TrainingSetRecord(manifest, DateTimeOffset.UtcNow, "test", 2));
    }
}
