namespace FeatureStore.Parquet.Tests;

public sealed class WriterStatisticsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fs-parquet-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Statistics_hold_typed_min_max_and_null_count(bool dictionary)
    {
        var schema = new ParquetSchema(
            new ParquetField("i", ParquetType.Int32),
            new ParquetField("u", ParquetType.UInt32),
            new ParquetField("s", ParquetType.String),
            new ParquetField("d", ParquetType.Double),
            new ParquetField("ts", ParquetType.Timestamp(TimeUnit.Millis)),
            new ParquetField("day", ParquetType.Date),
            new ParquetField("dec", ParquetType.Decimal(20, 2)),
            new ParquetField("emb", ParquetType.ListOf(ParquetType.Float)));
        var valid = new[] { true, false, true, true };
        var batch = new RecordBatch(schema,
        [
            new Int32Column([5, 0, -7, 3], valid),
            new Int32Column([1, 0, -1, 7], valid),
            BinaryColumn.FromStrings(["pear", null, "apple", "zoo"]),
            new DoubleColumn([1.5, 0, double.NaN, -2.25], valid),
            new Int64Column([1_700_000_000_000, 0, 1_600_000_000_000, 1_650_000_000_000], valid),
            new Int32Column([19000, 0, 18000, 20000], valid),
            new DecimalColumn([12.34m, 0, -99999999.99m, 0.01m], valid),
            ListColumn.FromFloatArrays([[1f, 9f], null, [], [-3f]]),
        ], 4);
        var path = Path.Combine(_directory, "stats.parquet");
        using (var writer = ParquetFileWriter.Create(path, schema, new ParquetWriteOptions { DictionaryEncoding = dictionary }))
        {
            writer.WriteBatch(batch);
        }

        using var reader = ParquetFileReader.Open(path);
        var group = reader.RowGroups[0];

        AssertStats(group, "i", -7, 5, 1);
        AssertStats(group, "u", 1u, uint.MaxValue, 1);
        AssertStats(group, "s", "apple", "zoo", 1);
        AssertStats(group, "d", -2.25, 1.5, 1);
        AssertStats(group, "ts", DateTime.UnixEpoch.AddMilliseconds(1_600_000_000_000), DateTime.UnixEpoch.AddMilliseconds(1_700_000_000_000), 1);
        AssertStats(group, "day", DateOnly.FromDateTime(DateTime.UnixEpoch).AddDays(18000), DateOnly.FromDateTime(DateTime.UnixEpoch).AddDays(20000), 1);
        AssertStats(group, "dec", -99999999.99m, 12.34m, 1);
        AssertStats(group, "emb", -3f, 9f, 2);
    }

    [Fact]
    public void All_null_column_has_null_count_and_no_min_max()
    {
        var schema = new ParquetSchema(new ParquetField("x", ParquetType.Int64));
        var path = Path.Combine(_directory, "nulls.parquet");
        using (var writer = ParquetFileWriter.Create(path, schema))
        {
            writer.WriteBatch(new RecordBatch(schema, [new Int64Column(new long[3], new bool[3])], 3));
        }

        using var reader = ParquetFileReader.Open(path);
        var stats = reader.RowGroups[0].Columns[0].Statistics!;

        Assert.Equal(3, stats.NullCount);
        Assert.Null(stats.Min);
        Assert.Null(stats.Max);
        Assert.Equal(3, ((Int64Column)reader.ReadAll()["x"]).NullCount);
    }

    private static void AssertStats(RowGroupInfo group, string column, object min, object max, long nulls)
    {
        var stats = group.Column(column)!.Statistics!;
        Assert.Equal(min, stats.Min);
        Assert.Equal(max, stats.Max);
        Assert.Equal(nulls, stats.NullCount);
    }
}
