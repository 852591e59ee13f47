using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using FeatureStore.Offline;
using FeatureStore.Parquet.Tests.Interop;
using ArrowRecordBatch = Apache.Arrow.RecordBatch;

namespace FeatureStore.OfflineServing.Tests;

/// <summary><c>get-historical-features --format arrow</c>: the Arrow IPC file holds what the Parquet output holds, with a manifest beside it.</summary>
[Collection(RidesRepoCollection.Name)]
public sealed class CliArrowOutputTests(RidesRepo repo)
{
    [Theory]
    [InlineData("none")]
    [InlineData("zstd")]
    [InlineData("lz4")]
    public async Task The_arrow_file_has_the_parquet_outputs_columns_and_values_cell_by_cell(string compression)
    {
        string[] request = ["--feature-service", "driver_ranking", "--status-columns", "--full-feature-names"];
        var reference = await repo.CliParquetAsync(request);
        var output = Path.Combine(repo.Root, $"train-{compression}.arrow");

        var printed = await RidesRepo.CliAsync(["get-historical-features", "--repo", repo.Dir, "--spine", repo.SpineFile, "--output", output, "--format", "arrow", "--compression", compression, .. request]);

        Assert.Contains($"wrote {output}: 14 rows, 4 features", printed, StringComparison.Ordinal);
        var batches = await ReadArrowFileAsync(output);
        CanonicalTable.FromArrow(batches).AssertSameAs(reference, $"Arrow file ({compression})");
        var status = batches[0].Schema.GetFieldByName("driver_hourly_stats__conv_rate__status");
        Assert.IsType<DictionaryType>(status.DataType);

        var manifest = ManifestJson.Read(ManifestJson.PathFor(output));
        Assert.Equal((output, 14L), (manifest.Output.Path, manifest.OutputRows));
        Assert.Equal(FileFingerprint.Of(output).Sha256, manifest.Output.Sha256);
        Assert.Equal(["driver_hourly_stats__conv_rate", "driver_hourly_stats__acc_rate", "driver_hourly_stats__avg_daily_trips", "driver_embedding__embedding"],
            manifest.Features.Select(f => f.Column));
        Assert.Equal(repo.SpineFile, manifest.Spine.Path);
        Assert.Equal(2, manifest.StatusCounts["driver_hourly_stats__conv_rate"]["MISSING"]);
        Assert.Contains("unchanged", await RidesRepo.CliAsync("verify-training-set", ManifestJson.PathFor(output)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apache_arrow_js_reads_the_uncompressed_file_with_the_parquet_outputs_values()
    {
        string[] request = ["--features", "driver_hourly_stats:conv_rate,driver_hourly_stats:avg_daily_trips", "--features", "driver_embedding:embedding", "--status-columns"];
        var reference = await repo.CliParquetAsync(request);
        var output = Path.Combine(repo.Root, "train-js.arrow");
        var json = Path.Combine(repo.Root, "train-js.json");
        await RidesRepo.CliAsync(["get-historical-features", "--repo", repo.Dir, "--spine", repo.SpineFile, "--output", output, "--format", "arrow", .. request]);

        NodeScripts.Run(TimeSpan.FromSeconds(60), "arrow-ipc-read.mjs", output, "--out", json);

        CanonicalTable.FromJson(await File.ReadAllTextAsync(json)).AssertSameAs(reference, "apache-arrow (JS) reading the CLI's Arrow file");
    }

    [Fact]
    public async Task Compression_without_arrow_format_is_refused_and_writes_nothing()
    {
        var output = Path.Combine(repo.Root, "refused.parquet");

        var (exit, _, error) = await RidesRepo.RunCliAsync("get-historical-features", "--repo", repo.Dir, "--spine", repo.SpineFile, "--output", output,
            "--feature-service", "driver_ranking", "--compression", "zstd");

        Assert.Equal(1, exit);
        Assert.Equal("error: --compression zstd applies to --format arrow (Parquet output is always snappy-compressed)", error.Trim());
        Assert.False(File.Exists(output));
    }

    private static async Task<List<ArrowRecordBatch>> ReadArrowFileAsync(string path)
    {
        await using var stream = File.OpenRead(path);
        using var reader = new ArrowFileReader(stream, new Apache.Arrow.Compression.CompressionCodecFactory());
        var batches = new List<ArrowRecordBatch>();
        while (await reader.ReadNextRecordBatchAsync() is { } batch)
        {
            batches.Add(batch);
        }

        return batches;
    }
}
