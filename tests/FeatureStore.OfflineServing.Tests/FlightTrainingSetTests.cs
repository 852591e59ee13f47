using Apache.Arrow.Types;
using FeatureStore.OfflineServing.Results;
using FeatureStore.Sdk.Flight;
using ArrowRecordBatch = Apache.Arrow.RecordBatch;

namespace FeatureStore.OfflineServing.Tests;

/// <summary>The C# client against the server: the training set over Flight equals the CLI's Parquet output for the same request.</summary>
[Collection(RidesRepoCollection.Name)]
public sealed class FlightTrainingSetTests(RidesRepo repo)
{
    [Fact]
    public async Task An_uploaded_spine_gives_the_clis_training_set_and_its_manifest()
    {
        var reference = await repo.CliParquetAsync("--feature-service", "driver_ranking", "--status-columns");
        using var client = new OfflineFlightClient(repo.Address);

        using var result = await client.GetTrainingSetAsync(repo.Spine, OfflineFlightRequest.ForFeatureService("driver_ranking") with { StatusColumns = true });

        CanonicalTable.FromArrow(result.Batches).AssertSameAs(reference, "training set over Flight");
        Assert.IsType<StringType>(result.Schema.GetFieldByName("conv_rate__status").DataType);
        Assert.IsType<TimestampType>(result.Schema.GetFieldByName("event_timestamp").DataType);
        var manifest = result.Manifest;
        Assert.StartsWith(OfflineTrainingSets.OutputPrefix, manifest.Output.Path, StringComparison.Ordinal);
        Assert.StartsWith("memory:", manifest.Spine.Path, StringComparison.Ordinal);
        Assert.Equal((14L, 14L, "driver_ranking", true), (manifest.OutputRows, manifest.SpineRows, manifest.Parameters.FeatureService, manifest.Parameters.StatusColumns));
        Assert.Equal(["conv_rate", "acc_rate", "avg_daily_trips", "embedding"], manifest.Features.Select(f => f.Column));
        Assert.Equal(2, manifest.StatusCounts["conv_rate"]["MISSING"]);
        Assert.Equal(12, manifest.StatusCounts["conv_rate"]["PRESENT"]);
        Assert.NotEmpty(manifest.SourceFiles);
    }

    [Fact]
    public async Task A_spine_sent_in_several_batches_is_joined_in_order()
    {
        var reference = await repo.CliParquetAsync("--features", "driver_hourly_stats:*", "--full-feature-names", "--as-of-created");
        using var client = new OfflineFlightClient(repo.Address);
        ArrowRecordBatch[] parts = [repo.Spine.Slice(0, 5), repo.Spine.Slice(5, 0), repo.Spine.Slice(5, 9)];

        using var result = await client.GetTrainingSetAsync(parts, OfflineFlightRequest.ForFeatures("driver_hourly_stats:*") with { FullFeatureNames = true, AsOfCreated = true });

        CanonicalTable.FromArrow(result.Batches).AssertSameAs(reference, "training set of a spine in three batches");
        Assert.Equal(["driver_hourly_stats:*"], result.Manifest.Parameters.Features);
        Assert.True(result.Manifest.Parameters.AsOfCreated);
    }

    [Fact]
    public async Task A_spine_file_the_server_reads_gives_the_same_training_set_through_GetFlightInfo()
    {
        var reference = await repo.CliParquetAsync("--feature-service", "driver_ranking");
        using var client = new OfflineFlightClient(repo.Address);
        var relative = Path.GetRelativePath(repo.Dir, repo.SpineFile);

        using var result = await client.GetTrainingSetFromServerFileAsync(OfflineFlightRequest.ForFeatureService("driver_ranking") with { SpinePath = relative });

        CanonicalTable.FromArrow(result.Batches).AssertSameAs(reference, "training set of a server-side spine file");
        Assert.Equal(repo.SpineFile, result.Manifest.Spine.Path);
    }

    [Fact]
    public async Task A_large_training_set_arrives_in_several_batches_with_the_manifest_on_the_first()
    {
        var many = Enumerable.Repeat(repo.Spine, 3_000).ToList();
        using var client = new OfflineFlightClient(repo.Address);

        using var result = await client.GetTrainingSetAsync(many, OfflineFlightRequest.ForFeatureService("driver_ranking"));

        // 42,000 rows of about 90 bytes each (an 8-float embedding among them) are more than one 2 MB batch.
        Assert.Equal(42_000, result.RowCount);
        Assert.True(result.Batches.Count > 1, $"{result.Batches.Count} batch(es)");
        Assert.Equal(42_000, result.Manifest.OutputRows);
        var once = CanonicalTable.FromArrow([repo.Spine]);
        var all = CanonicalTable.FromArrow(result.Batches);
        Assert.Equal(once.Rows[13][0], all.Rows[41_999][0]);
    }

    [Fact]
    public async Task A_ticket_is_released_after_the_client_read_it()
    {
        using var client = new OfflineFlightClient(repo.Address);
        var before = CountKept();

        using var result = await client.GetTrainingSetAsync(repo.Spine, OfflineFlightRequest.ForFeatures("driver_embedding:embedding"));

        Assert.Equal(14, result.RowCount);
        Assert.Equal(before, CountKept());
    }

    private int CountKept() => repo.Results.Count;
}
