using FeatureStore.Parquet;

namespace FeatureStore.Cli.Tests.Erasure;

/// <summary>
/// A feature repo with a long purchase history to erase from: entity customer (customer_id int64), source
/// <c>data/purchases/event_date=2026-01-DD/part.parquet</c> (one file per day, <see cref="RowsPerFile"/> rows each, every
/// file holding a few rows of customer <see cref="Erased"/>), view purchases (amount, note). Applied with the CLI.
/// </summary>
internal sealed class EventHistoryRepo : IDisposable
{
    public const long Erased = 7;

    private const string Definitions = """
        entities:
          - name: customer
            join_keys: [{name: customer_id, type: int64}]
        data_sources:
          - name: purchases_source
            path: data/purchases/
            timestamp_field: event_timestamp
        feature_views:
          - name: purchases
            owner: shop@example.com
            entities: [customer]
            source: purchases_source
            features:
              - {name: amount, type: float64}
              - {name: note, type: string, pii: personal}
        """;

    private static readonly DateTimeOffset Day0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly TempRepo temp = new();

    private EventHistoryRepo(int files, int rowsPerFile)
    {
        Files = files;
        RowsPerFile = rowsPerFile;
    }

    public string Dir => temp.Dir;

    public int Files { get; }

    public int RowsPerFile { get; }

    public string PathOf(string relative) => temp.PathOf(relative);

    public string[] DataFiles() => Directory.GetFiles(PathOf("data"), "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();

    public static async Task<EventHistoryRepo> CreateAsync(int files, int rowsPerFile)
    {
        var repo = new EventHistoryRepo(files, rowsPerFile);
        Directory.CreateDirectory(repo.Dir);
        await File.WriteAllTextAsync(repo.PathOf("featurestore.yaml"), "project: shop\n");
        await File.WriteAllTextAsync(repo.PathOf("definitions.yaml"), Definitions);
        var schema = new ParquetSchema(
            new ParquetField("customer_id", ParquetType.Int64, Nullable: false),
            new ParquetField("event_timestamp", ParquetType.Timestamp(), Nullable: false),
            new ParquetField("amount", ParquetType.Double),
            new ParquetField("note", ParquetType.String));
        for (var file = 0; file < files; file++)
        {
            var day = Day0.AddDays(file);
            var ids = new long[rowsPerFile];
            var times = new long[rowsPerFile];
            var amounts = new double[rowsPerFile];
            var notes = new string?[rowsPerFile];
            for (var row = 0; row < rowsPerFile; row++)
            {
                ids[row] = row % 997 == 5 ? Erased : 100 + ((row * 31L) + file) % 5000;
                times[row] = day.AddSeconds(row).ToUnixTimeMilliseconds() * 1000;
                amounts[row] = (file * 1_000_000) + row + 0.25;
                notes[row] = row % 11 == 0 ? null : $"note {file}-{row}";
            }

            var path = repo.PathOf($"data/purchases/event_date={day:yyyy-MM-dd}/part.parquet");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var writer = ParquetFileWriter.Create(path, schema, new ParquetWriteOptions { RowGroupSize = 16_384 });
            writer.WriteBatch(new RecordBatch(schema, [new Int64Column(ids), new Int64Column(times), new DoubleColumn(amounts), BinaryColumn.FromStrings(notes)], rowsPerFile));
        }

        var apply = await CliRunner.RunAsync("apply", "--repo", repo.Dir);
        Assert.True(apply.ExitCode == 0, apply.Error);
        return repo;
    }

    /// <summary>Rows of customer <see cref="Erased"/> in one file, read with the project's reader.</summary>
    public static long ErasedRowsIn(string file)
    {
        using var reader = ParquetFileReader.Open(file);
        return reader.ReadBatches(["customer_id"]).Sum(b => ((Int64Column)b["customer_id"]).Values.AsSpan(0, b.RowCount).Count(Erased));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        temp.Dispose();
    }
}
