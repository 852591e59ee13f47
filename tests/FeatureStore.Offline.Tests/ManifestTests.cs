using FeatureStore.Parquet;

namespace FeatureStore.Offline.Tests;

/// <summary>The manifest beside a training set records inputs and counts; verification flags any changed, missing or new input.</summary>
public sealed class ManifestTests
{
    [Fact]
    public void Manifest_records_views_files_parameters_and_status_counts()
    {
        using var dir = new TempDir();
        var output = Build(dir);
        var manifest = ManifestJson.Read(ManifestJson.PathFor(output));

        Assert.Equal(8, manifest.OutputRows);
        Assert.Equal("driver_hourly_stats:conv_rate", manifest.Features.Single().Reference);
        Assert.Equal(1, manifest.Features.Single().ViewVersion);
        Assert.Equal("2h", manifest.Features.Single().Ttl);
        var file = manifest.SourceFiles.Single();
        Assert.True(file.Read);
        Assert.Equal(new FileInfo(file.File.Path).Length, file.File.Size);
        Assert.Equal(64, file.File.Sha256.Length);
        Assert.Equal(64, manifest.Spine.Sha256.Length);
        Assert.Equal(new Dictionary<string, long> { ["PRESENT"] = 4, ["MISSING"] = 2, ["OUTSIDE_TTL"] = 1, ["NULL_VALUE"] = 1 }, manifest.StatusCounts["conv_rate"]);
        Assert.Equal(1L << 30, manifest.Parameters.MemoryBudgetBytes);
    }

    [Fact]
    public async Task Verification_passes_while_inputs_are_unchanged_and_a_touch_is_only_a_note()
    {
        using var dir = new TempDir();
        var output = Build(dir);
        File.SetLastWriteTimeUtc(Path.Combine(dir.Path, "data/driver_stats.parquet"), DateTime.UtcNow.AddMinutes(5));

        var result = await ManifestVerifier.VerifyAsync(ManifestJson.PathFor(output));

        Assert.True(result.Unchanged, string.Join("; ", result.Changes));
        Assert.Contains(result.Notes, n => n.Contains("content unchanged", StringComparison.Ordinal));
        Assert.Equal(3, result.FilesChecked);
    }

    [Fact]
    public async Task Verification_flags_a_rewritten_source_file()
    {
        using var dir = new TempDir();
        var output = Build(dir);
        var schema = new ParquetSchema(new ParquetField("x", ParquetType.Int32));
        ParquetFiles.Write(Path.Combine(dir.Path, "data/driver_stats.parquet"), schema, [new Int32Column([1])]);

        var result = await ManifestVerifier.VerifyAsync(ManifestJson.PathFor(output));

        Assert.False(result.Unchanged);
        Assert.Contains(result.Changes, c => c.Contains("driver_stats.parquet: content changed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Verification_flags_a_deleted_training_set()
    {
        using var dir = new TempDir();
        var output = Build(dir);
        File.Delete(output);

        var result = await ManifestVerifier.VerifyAsync(ManifestJson.PathFor(output));

        Assert.Contains(result.Changes, c => c.StartsWith("training set", StringComparison.Ordinal) && c.EndsWith("missing", StringComparison.Ordinal));
    }

    private static string Build(TempDir dir)
    {
        WorkedExample.WriteHistory(dir.Path);
        var spine = WorkedExample.WriteSpine(dir.File("spine.parquet"));
        return Engine.WriteAndRead(WorkedExample.Definitions(), Engine.Request(dir.Path, spine, "driver_hourly_stats:conv_rate"), dir.File("out/train.parquet"));
    }
}
