namespace FeatureStore.Parquet.Tests;

public sealed class DatasetPartitionTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fs-parquet-").FullName;

    public DatasetPartitionTests()
    {
        // year=2023/region=eu, year=2023/region=us, year=2024/region=eu; ids continue across files.
        var start = 0;
        foreach (var (year, region) in new[] { ("2023", "eu"), ("2023", "us"), ("2024", "eu") })
        {
            var folder = Path.Combine(_directory, $"year={year}", $"region={region}");
            Directory.CreateDirectory(folder);
            WriteIds(Path.Combine(folder, "part-0.parquet"), start, 300, rowGroupSize: 100);
            start += 300;
        }

        File.WriteAllText(Path.Combine(_directory, "_SUCCESS"), string.Empty);
        File.WriteAllText(Path.Combine(_directory, "year=2023", "notes.txt"), "not parquet");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Directory_dataset_lists_files_and_types_partition_columns()
    {
        var dataset = ParquetDataset.Open(_directory);

        Assert.Equal(3, dataset.Files.Count);
        Assert.Equal(
            [new ParquetField("year", ParquetType.Int64), new ParquetField("region", ParquetType.String)],
            dataset.PartitionFields);
        Assert.Equal(["id", "name", "score", "year", "region"], dataset.Schema.Fields.Select(f => f.Name));
        var batches = dataset.ReadBatches(["id", "region", "year"]).ToList();
        Assert.Equal(9, batches.Count);
        var first = batches[0];
        Assert.Equal("eu", ((BinaryColumn)first["region"]).GetString(99));
        Assert.Equal(2023L, ((Int64Column)first["year"]).Values[0]);
        Assert.Equal(900, batches.Sum(b => b.RowCount));
    }

    [Fact]
    public void Partition_predicate_prunes_files_before_opening_them()
    {
        var dataset = ParquetDataset.Open(_directory).WherePartitions(p => p["year"] == "2023" && p["region"] == "us");
        File.WriteAllText(Path.Combine(_directory, "year=2024", "region=eu", "part-0.parquet"), "corrupt, but pruned");

        var ids = dataset.ReadBatches(["id"]).SelectMany(b => ((Int64Column)b["id"]).Span.ToArray()).ToArray();

        Assert.Single(dataset.Files);
        Assert.Equal(Enumerable.Range(300, 300).Select(i => (long)i), ids);
    }

    [Fact]
    public void Row_group_statistics_let_callers_skip_row_groups()
    {
        var dataset = ParquetDataset.Open(_directory);
        var groups = dataset.RowGroups().ToList();

        var wanted = groups.Where(g => g.RowGroup.Column("id")!.Statistics is { Min: long min, Max: long max } && min <= 450 && max >= 450).ToList();
        var batches = dataset.ReadBatches(["id"], g => g.RowGroup.Column("id")!.Statistics is { Min: long min, Max: long max } && min <= 450 && max >= 450).ToList();

        Assert.Equal(9, groups.Count);
        Assert.Single(wanted);
        Assert.Equal(1, wanted[0].RowGroup.Index);
        Assert.Contains("region=us", wanted[0].File.Path, StringComparison.Ordinal);
        Assert.Equal(400L, ((Int64Column)Assert.Single(batches)["id"]).Values[0]);
        Assert.Equal(400L, ((Int64Column)dataset.ReadRowGroup(wanted[0], ["id"])["id"]).Values[0]);
    }

    [Fact]
    public void Globs_match_files_with_star_and_double_star()
    {
        Assert.Equal(2, ParquetDataset.Open(Path.Combine(_directory, "year=2023", "*", "*.parquet")).Files.Count);
        Assert.Equal(3, ParquetDataset.Open(Path.Combine(_directory, "**", "part-?.parquet")).Files.Count);
        Assert.Equal(2, ParquetDataset.Open(Path.Combine(_directory, "**", "region=eu", "*.parquet")).Files.Count);
        Assert.Throws<ParquetException>(() => ParquetDataset.Open(Path.Combine(_directory, "**", "*.csv")));
    }

    [Fact]
    public void Single_file_dataset_has_no_partition_columns()
    {
        var dataset = ParquetDataset.Open(Path.Combine(_directory, "year=2024", "region=eu", "part-0.parquet"));

        Assert.Empty(dataset.PartitionFields);
        Assert.Equal(300, dataset.ReadBatches().Sum(b => b.RowCount));
    }

    [Fact]
    public void Non_numeric_and_missing_partition_values_make_nullable_string_columns()
    {
        var folder = Path.Combine(_directory, "year=unknown");
        Directory.CreateDirectory(folder);
        WriteIds(Path.Combine(folder, "part-0.parquet"), 5000, 10, rowGroupSize: 100);

        var dataset = ParquetDataset.Open(_directory);
        var batch = dataset.ReadBatches(["year", "region"]).Last();

        Assert.Equal(new ParquetField("year", ParquetType.String), dataset.PartitionFields[0]);
        Assert.Equal("unknown", ((BinaryColumn)batch["year"]).GetString(0));
        Assert.True(batch["region"].IsNull(0));
    }

    private static void WriteIds(string path, int start, int rows, int rowGroupSize)
    {
        var batch = CodecTestFiles.SmallBatch(rows);
        var ids = ((Int64Column)batch["id"]).Values;
        for (var i = 0; i < rows; i++)
        {
            ids[i] += start;
        }

        using var writer = ParquetFileWriter.Create(path, CodecTestFiles.SmallSchema, new ParquetWriteOptions { RowGroupSize = rowGroupSize });
        writer.WriteBatch(batch);
    }
}
