using FeatureStore.Cli;
using FeatureStore.Cli.Commands;
using FeatureStore.Parquet;

namespace FeatureStore.Cli.Tests;

/// <summary><c>featurestore parquet schema|head|stats</c> on a small file written by the C# writer: exact output and errors.</summary>
public sealed class ParquetCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fs-cli-parquet-").FullName;
    private readonly string _file;

    public ParquetCommandTests()
    {
        _file = Path.Combine(_directory, "sample.parquet");
        WriteSample(_file);
    }

    [Fact]
    public async Task SchemaListsColumnsTypesNullabilityRowsAndRowGroups()
    {
        var (exit, output, _) = await Run("parquet", "schema", _file);

        Assert.Equal(0, exit);
        Assert.Equal(
            """
            file: sample.parquet
            rows: 3
            row groups: 2
            created by: FeatureStore.Parquet version 1.0.0 (build featurestore)

            COLUMN  TYPE                         PHYSICAL     NULLABLE
            id      Int64                        INT64        no
            ts      Timestamp(Micros, utc=True)  INT64        yes
            name    String                       BYTE_ARRAY   yes
            score   Double                       DOUBLE       yes
            emb     List<Float?>                 LIST<FLOAT>  yes

            """,
            output);
    }

    [Fact]
    public async Task HeadPrintsAlignedTableByDefault()
    {
        var (exit, output, _) = await Run("parquet", "head", _file);

        Assert.Equal(0, exit);
        Assert.Equal(
            """
            id  ts                           name                score  emb
            1   2024-01-02T03:04:05.123456Z  alice               0.5    [1.5, -2]
            2   null                         bob, "the" builder  -1.25  null
            3   1969-12-31T23:59:59.999999Z  null                0.001  []

            """,
            output);
    }

    [Fact]
    public async Task HeadCsvQuotesFieldsAndLeavesNullsEmpty()
    {
        var (exit, output, _) = await Run("parquet", "head", _file, "--format", "csv");

        Assert.Equal(0, exit);
        Assert.Equal(
            """
            id,ts,name,score,emb
            1,2024-01-02T03:04:05.123456Z,alice,0.5,"[1.5, -2]"
            2,,"bob, ""the"" builder",-1.25,
            3,1969-12-31T23:59:59.999999Z,,0.001,[]

            """,
            output);
    }

    [Fact]
    public async Task HeadJsonWritesOneObjectPerLine()
    {
        var (exit, output, _) = await Run("parquet", "head", _file, "-n", "3", "--format", "json");

        Assert.Equal(0, exit);
        Assert.Equal(
            """
            {"id":1,"ts":"2024-01-02T03:04:05.123456Z","name":"alice","score":0.5,"emb":[1.5,-2]}
            {"id":2,"ts":null,"name":"bob, \"the\" builder","score":-1.25,"emb":null}
            {"id":3,"ts":"1969-12-31T23:59:59.999999Z","name":null,"score":0.001,"emb":[]}

            """,
            output);
    }

    [Fact]
    public async Task HeadLimitsRowsToN()
    {
        var (exit, output, _) = await Run("parquet", "head", _file, "-n", "1", "--format", "csv");

        Assert.Equal(0, exit);
        Assert.Equal("id,ts,name,score,emb\n1,2024-01-02T03:04:05.123456Z,alice,0.5,\"[1.5, -2]\"\n", output);
    }

    [Fact]
    public void HeadReadsOnlyTheRowGroupsItNeeds()
    {
        using var reader = ParquetFileReader.Open(_file);

        Assert.Single(ParquetFiles.FirstRows(reader, 2));
        Assert.Equal(2, ParquetFiles.FirstRows(reader, 3).Count);
    }

    [Fact]
    public async Task StatsShowsEveryRowGroupAndColumnChunk()
    {
        var (exit, output, _) = await Run("parquet", "stats", _file);

        // Byte sizes come from the file's metadata (they change whenever the writer's encoding improves); every other
        // cell is literal. The empty list of row 3 counts as a leaf-level null.
        using var reader = ParquetFileReader.Open(_file);
        string[] Sizes(int group, int column) =>
        [
            reader.RowGroups[group].Columns[column].CompressedSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            reader.RowGroups[group].Columns[column].UncompressedSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ];
        string[] header = ["COLUMN", "CODEC", "ENCODINGS", "COMPRESSED", "UNCOMPRESSED", "NULLS", "MIN", "MAX"];
        const string Dictionary = "PLAIN,RLE,RLE_DICTIONARY";
        var expected =
            $"row group 0: 2 rows, {reader.RowGroups[0].TotalByteSize} bytes\n" +
            TextTable.Render(header,
            [
                ["id", "SNAPPY", Dictionary, .. Sizes(0, 0), "0", "1", "2"],
                ["ts", "SNAPPY", Dictionary, .. Sizes(0, 1), "1", "2024-01-02T03:04:05.123456Z", "2024-01-02T03:04:05.123456Z"],
                ["name", "SNAPPY", Dictionary, .. Sizes(0, 2), "0", "alice", "bob, \"the\" builder"],
                ["score", "SNAPPY", Dictionary, .. Sizes(0, 3), "0", "-1.25", "0.5"],
                ["emb", "SNAPPY", Dictionary, .. Sizes(0, 4), "1", "-2", "1.5"],
            ]) +
            $"\nrow group 1: 1 rows, {reader.RowGroups[1].TotalByteSize} bytes\n" +
            TextTable.Render(header,
            [
                ["id", "SNAPPY", Dictionary, .. Sizes(1, 0), "0", "3", "3"],
                ["ts", "SNAPPY", Dictionary, .. Sizes(1, 1), "0", "1969-12-31T23:59:59.999999Z", "1969-12-31T23:59:59.999999Z"],
                ["name", "SNAPPY", "PLAIN,RLE", .. Sizes(1, 2), "1", "-", "-"],
                ["score", "SNAPPY", Dictionary, .. Sizes(1, 3), "0", "0.001", "0.001"],
                ["emb", "SNAPPY", "PLAIN,RLE", .. Sizes(1, 4), "1", "-", "-"],
            ]);

        Assert.Equal(0, exit);
        Assert.Equal(expected.ReplaceLineEndings("\n"), output);
    }

    [Fact]
    public async Task CorruptFileFailsWithOneLineErrorNamingTheFile()
    {
        var broken = Path.Combine(_directory, "broken.parquet");
        await File.WriteAllBytesAsync(broken, "PAR1 this is not a parquet file PAR1"u8.ToArray());

        var (exit, output, error) = await Run("parquet", "schema", broken);

        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.Contains("broken.parquet", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task MissingFileFailsWithOneLineError()
    {
        var missing = Path.Combine(_directory, "missing.parquet");

        var (exit, _, error) = await Run("parquet", "head", missing);

        Assert.Equal(1, exit);
        Assert.Equal($"error: file not found: {missing}\n", error.ReplaceLineEndings("\n"));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static async Task<(int Exit, string Output, string Error)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync(args, output, error);
        return (exit, output.ToString().ReplaceLineEndings("\n"), error.ToString());
    }

    /// <summary>Three rows in two row groups (2 + 1): a required key, a UTC timestamp, a string, a double and a float list, with nulls.</summary>
    private static void WriteSample(string path)
    {
        var schema = new ParquetSchema(
            new ParquetField("id", ParquetType.Int64, Nullable: false),
            new ParquetField("ts", ParquetType.Timestamp(TimeUnit.Micros)),
            new ParquetField("name", ParquetType.String),
            new ParquetField("score", ParquetType.Double),
            new ParquetField("emb", ParquetType.ListOf(ParquetType.Float)));
        var ts = (new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero).ToUnixTimeSeconds() * 1_000_000) + 123_456;
        var batch = new RecordBatch(
            schema,
            [
                new Int64Column([1, 2, 3]),
                new Int64Column([ts, 0, -1], [true, false, true]),
                BinaryColumn.FromStrings(["alice", "bob, \"the\" builder", null]),
                new DoubleColumn([0.5, -1.25, 0.001]),
                ListColumn.FromFloatArrays([[1.5f, -2f], null, []]),
            ],
            rowCount: 3);
        using var writer = ParquetFileWriter.Create(path, schema, new ParquetWriteOptions { RowGroupSize = 2 });
        writer.WriteBatch(batch);
    }
}
