namespace FeatureStore.Streaming.Tests;

public sealed class ResolutionTests
{
    [Theory]
    [InlineData("nope", null, "unknown data source 'nope'")]
    [InlineData("history", null, "data source 'history' is not a stream or push source (it has no stream: block)")]
    [InlineData("trips", "ghost", "unknown feature view 'ghost'")]
    [InlineData("trips", "all_types", "feature view 'all_types' reads data source 'typed', not 'trips'")]
    [InlineData("trips", "driver_history", "feature view 'driver_history' is not online (online: false), so nothing of it is ingested")]
    public async Task Requests_the_ingestor_cannot_serve_throw_naming_the_object(string source, string? view, string message)
    {
        await using var repo = StreamRepo.Create();
        var ingestor = repo.Ingestor();
        IReadOnlyCollection<string>? views = view is null ? null : [view];

        var thrown = await Assert.ThrowsAsync<StreamIngestionException>(() => ingestor.IngestAsync(source, [StreamRepo.Trip(0, 1, StreamRepo.T0)], views));
        Assert.Equal(message, thrown.Message);
        Assert.Equal(message, Assert.Throws<StreamIngestionException>(() => ingestor.Validate(source, [], views)).Message);
    }

    [Fact]
    public async Task A_streamed_source_whose_path_is_one_file_cannot_be_appended_to()
    {
        await using var repo = StreamRepo.Create(change: d => d with
        {
            DataSources = [.. d.DataSources.Select(s => s.Name == "trips" ? s with { Path = "data/trips.parquet" } : s)],
        });

        var thrown = await Assert.ThrowsAsync<StreamIngestionException>(() => repo.Ingestor().IngestAsync("trips", [StreamRepo.Trip(0, 1, StreamRepo.T0)]));
        Assert.Equal("data source 'trips': path 'data/trips.parquet' is one file; a stream or push source needs a directory (or a glob) to append to", thrown.Message);
    }

    [Fact]
    public async Task Selected_views_limit_the_online_writes_not_the_offline_append()
    {
        await using var repo = StreamRepo.Create(change: d => d with
        {
            FeatureViews = [.. d.FeatureViews, d.FeatureViews[0] with { Name = "driver_stats_copy" }],
        });

        var result = await repo.Ingestor().IngestAsync("trips", [StreamRepo.Trip(0, 1, StreamRepo.T0)], ["driver_stats"]);

        Assert.Equal((1, 1), (result.WrittenOnline, result.AppendedOffline));
        var copy = new FeatureStore.Online.OnlineViewRef(repo.Definitions.Project, "driver_stats_copy", 1);
        var read = await repo.Store.ReadAsync([new FeatureStore.Online.OnlineReadRequest(copy, ["trips"], [FeatureStore.Online.EntityKey.Of(FeatureStore.Online.FeatureValue.FromInt64(1))])]);
        Assert.False(read.Requests[0].Rows[0].Found);
        Assert.True((await repo.ReadStatsAsync(1)).Found);
    }
}
