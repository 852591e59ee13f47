namespace FeatureStore.Parquet.Tests;

/// <summary>
/// <see cref="ParquetDataset.ReadRowGroup"/> parses a file's footer once and reuses it for later row groups, but never
/// for a file that changed since: a rewrite of another length, or of the same length with a new write time, is read afresh.
/// </summary>
public sealed class DatasetFooterReuseTests : IDisposable
{
    private static readonly ParquetSchema Schema = new([new ParquetField("id", ParquetType.Int64, Nullable: false)]);

    private readonly string _directory = Directory.CreateTempSubdirectory("fs-parquet-footer-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Row_groups_read_one_by_one_equal_a_plain_read_and_a_rewritten_file_is_read_afresh()
    {
        var path = Path.Combine(_directory, "ids.parquet");
        Write(path, first: 0, rows: 300);
        var dataset = ParquetDataset.Open(path);
        var groups = dataset.RowGroups().ToList();
        Assert.Equal(3, groups.Count);
        Assert.Equal(Enumerable.Range(0, 300).Select(i => (long)i), groups.SelectMany(g => Ids(dataset.ReadRowGroup(g))));

        // Same length (plain, uncompressed, same row count), new values and a new write time.
        var length = new FileInfo(path).Length;
        Write(path, first: 1000, rows: 300);
        File.SetLastWriteTimeUtc(path, File.GetLastWriteTimeUtc(path).AddHours(1));
        Assert.Equal(length, new FileInfo(path).Length);
        Assert.Equal(Enumerable.Range(1100, 100).Select(i => (long)i), Ids(dataset.ReadRowGroup(groups[1])));

        // Another length: one row group of 50 rows.
        Write(path, first: 5000, rows: 50);
        var rewritten = dataset.RowGroups().ToList();
        Assert.Equal(Enumerable.Range(5000, 50).Select(i => (long)i), Ids(dataset.ReadRowGroup(Assert.Single(rewritten))));
    }

    private static IEnumerable<long> Ids(RecordBatch batch) => ((Int64Column)batch["id"]).Values.Take(batch.RowCount);

    private static void Write(string path, int first, int rows)
    {
        using var writer = ParquetFileWriter.Create(path, Schema, new ParquetWriteOptions
        {
            Compression = ParquetCompression.None,
            DictionaryEncoding = false,
            RowGroupSize = 100,
        });
        writer.WriteBatch(new RecordBatch(Schema, [new Int64Column([.. Enumerable.Range(first, rows).Select(i => (long)i)])], rows));
    }
}
