namespace FeatureStore.Offline.Tests;

/// <summary>BuildToFile encodes output columns while the join runs; the file must be the one Build then Write produces.</summary>
public sealed class BuildToFileTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Build_to_file_writes_the_same_bytes_and_counts_as_build_then_write(bool statusColumns)
    {
        using var dir = new TempDir();
        var scenario = RandomScenario.Create(dir.Path, seed: 11, featureRows: 4000, spineRows: 1500);
        var request = Engine.Request(dir.Path, scenario.SpinePath) with { FeatureService = "everything", StatusColumns = statusColumns };

        var separate = dir.File("separate/train.parquet");
        var separateManifest = TrainingSetWriter.Write(Engine.Build(scenario.Definitions, request), separate);
        var early = dir.File("early/train.parquet");
        var written = TrainingSetEngine.BuildToFile(RegistrySnapshot.FromDefinitions(scenario.Definitions), request, early);

        Assert.Equal(File.ReadAllBytes(separate), File.ReadAllBytes(early));
        Assert.Equal(separateManifest.Output.Sha256, written.Manifest.Output.Sha256);
        Assert.Equal(1500, written.Manifest.OutputRows);
        Assert.Equal(separateManifest.StatusCounts.Keys.Order(), written.Manifest.StatusCounts.Keys.Order());
        foreach (var (feature, counts) in separateManifest.StatusCounts)
        {
            Assert.Equal(counts, written.Manifest.StatusCounts[feature]);
        }

        Assert.True(File.Exists(ManifestJson.PathFor(early)));
    }

    [Fact]
    public void A_training_set_written_twice_gives_identical_files()
    {
        using var dir = new TempDir();
        var scenario = RandomScenario.Create(dir.Path, seed: 12);
        var request = Engine.Request(dir.Path, scenario.SpinePath) with { FeatureService = "everything" };
        var written = TrainingSetEngine.BuildToFile(RegistrySnapshot.FromDefinitions(scenario.Definitions), request, dir.File("first.parquet"));

        // The early chunks serve the first write only; a second write encodes afresh.
        TrainingSetWriter.Write(written.TrainingSet, dir.File("second.parquet"));

        Assert.Equal(File.ReadAllBytes(dir.File("first.parquet")), File.ReadAllBytes(dir.File("second.parquet")));
    }
}
