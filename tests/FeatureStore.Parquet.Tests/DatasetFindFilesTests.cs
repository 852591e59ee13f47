namespace FeatureStore.Parquet.Tests;

/// <summary><see cref="ParquetDataset.FindFiles"/>: the files a path matches, without opening them; nothing (not an error) when nothing matches.</summary>
public sealed class DatasetFindFilesTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fs-parquet-find-").FullName;

    [Fact]
    public void Files_directories_and_globs_match_like_open_and_nothing_is_opened()
    {
        Touch("date=2024-03-01/b.parquet");
        Touch("date=2024-03-01/a.parquet");
        Touch("date=2024-03-02/c.parquet");
        Touch("_SUCCESS");

        var all = ParquetDataset.FindFiles(_directory);
        var glob = ParquetDataset.FindFiles(Path.Combine(_directory, "date=2024-03-01", "*.parquet"));
        var single = ParquetDataset.FindFiles(Path.Combine(_directory, "date=2024-03-02", "c.parquet"));

        Assert.Equal(["date=2024-03-01/a.parquet", "date=2024-03-01/b.parquet", "date=2024-03-02/c.parquet"], all.Select(Relative));
        Assert.Equal("2024-03-01", all[0].Partitions["date"]);
        Assert.Equal(["a.parquet", "b.parquet"], glob.Select(f => Path.GetFileName(f.Path)));
        Assert.Equal(["date=2024-03-02/c.parquet"], single.Select(Relative));
    }

    [Theory]
    [InlineData("missing.parquet")]
    [InlineData("missing-folder")]
    [InlineData("missing-root/*.parquet")]
    [InlineData("*.parquet")]
    public void A_path_that_matches_nothing_gives_no_files(string path)
    {
        Assert.Empty(ParquetDataset.FindFiles(Path.Combine(_directory, path)));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    // Empty files: FindFiles must not open them (they are not valid Parquet).
    private void Touch(string relative)
    {
        var path = Path.Combine(_directory, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, []);
    }

    private string Relative(DatasetFile file) => Path.GetRelativePath(_directory, file.Path).Replace(Path.DirectorySeparatorChar, '/');
}
