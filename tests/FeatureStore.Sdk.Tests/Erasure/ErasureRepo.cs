using FeatureStore.Cli;
using FeatureStore.Online;
using FeatureStore.Parquet;

namespace FeatureStore.Sdk.Tests.Erasure;

/// <summary>
/// A feature repo whose customers are erased: entity customer (customer_id string) and merchant (merchant_id int64);
/// source <c>customers</c> in hive folders <c>data/customers/event_date=.../part.parquet</c> read by view
/// customer_profile (single key); source <c>pairs</c> (<c>data/pairs/part-N.parquet</c>, the last file without C2) read
/// by customer_merchant (composite key) and merchant_stats (merchant only). Customers C1..C5, merchants 10..13.
/// Applied with the CLI; the online store is the one the caller chooses.
/// </summary>
internal sealed class ErasureRepo : IDisposable
{
    public const string Definitions = """
        entities:
          - name: customer
            join_keys: [{name: customer_id, type: string}]
          - name: merchant
            join_keys: [{name: merchant_id, type: int64}]
        data_sources:
          - name: customers
            path: data/customers/
            timestamp_field: event_timestamp
          - name: pairs
            path: data/pairs/
            timestamp_field: event_timestamp
        feature_views:
          - name: customer_profile
            owner: crm@example.com
            entities: [customer]
            source: customers
            features:
              - {name: spend, type: float64}
              - {name: tier, type: string, pii: personal}
          - name: customer_merchant
            owner: crm@example.com
            entities: [customer, merchant]
            source: pairs
            features:
              - {name: visits, type: int64}
          - name: merchant_stats
            owner: crm@example.com
            entities: [merchant]
            source: pairs
            features:
              - {name: visits, type: int64}
        """;

    public static readonly DateTimeOffset Day0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly string[] Customers = ["C1", "C2", "C3", "C4", "C5"];

    public static readonly long[] Merchants = [10, 11, 12, 13];

    private ErasureRepo(string dir, string project)
    {
        Dir = dir;
        Project = project;
    }

    public string Dir { get; }

    public string Project { get; }

    public string PathOf(string relative) => Path.Combine(Dir, relative);

    public IEnumerable<string> DataFiles() =>
        Directory.EnumerateFiles(PathOf("data"), "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    /// <param name="onlineStore">The featurestore.yaml <c>online_store:</c> block, or null for the embedded SQLite store.</param>
    public static async Task<ErasureRepo> CreateAsync(string? onlineStore = null)
    {
        var project = "erase" + Guid.NewGuid().ToString("N")[..8];
        var repo = new ErasureRepo(Directory.CreateTempSubdirectory("fs-sdk-erase-").FullName, project);
        await File.WriteAllTextAsync(repo.PathOf("featurestore.yaml"), $"project: {project}\n{onlineStore}");
        await File.WriteAllTextAsync(repo.PathOf("definitions.yaml"), Definitions);
        for (var day = 0; day < 3; day++)
        {
            var rows = Customers.SelectMany(c => Enumerable.Range(0, 4).Select(h => (Customer: c, At: Day0.AddDays(day).AddHours(h * 5)))).ToList();
            WriteCustomers(repo.PathOf($"data/customers/event_date=2026-01-0{day + 1}/part.parquet"), rows, day);
        }

        for (var part = 0; part < 3; part++)
        {
            var customers = part == 2 ? Customers.Where(c => c != "C2") : Customers;
            var rows = customers.SelectMany(c => Merchants.Select(m => (Customer: c, Merchant: m, At: Day0.AddDays(part).AddHours(m)))).ToList();
            WritePairs(repo.PathOf($"data/pairs/part-{part}.parquet"), rows, part);
        }

        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync(["apply", "--repo", repo.Dir], output, error);
        Assert.True(exit == 0, error.ToString());
        return repo;
    }

    /// <summary>Every row of every data file as text, per file (relative path), in file order.</summary>
    public Dictionary<string, List<string>> ReadRows() => DataFiles().Where(f => f.EndsWith(".parquet", StringComparison.Ordinal)).ToDictionary(
        f => Path.GetRelativePath(Dir, f),
        f =>
        {
            using var reader = ParquetFileReader.Open(f);
            var batch = reader.ReadAll();
            return Enumerable.Range(0, batch.RowCount)
                .Select(r => string.Join("|", batch.Columns.Select((c, i) => $"{batch.Schema[i].Name}={(c is BinaryColumn text ? text.GetString(r) : c.GetValue(r))}")))
                .ToList();
        });

    private static void WriteCustomers(string path, List<(string Customer, DateTimeOffset At)> rows, int day)
    {
        var schema = new ParquetSchema(
            new ParquetField("customer_id", ParquetType.String, Nullable: false),
            new ParquetField("event_timestamp", ParquetType.Timestamp(TimeUnit.Micros, isAdjustedToUtc: true), Nullable: false),
            new ParquetField("spend", ParquetType.Double),
            new ParquetField("tier", ParquetType.String));
        var batch = new RecordBatch(schema,
        [
            BinaryColumn.FromStrings([.. rows.Select(r => r.Customer)]),
            new Int64Column([.. rows.Select(r => r.At.ToUnixTimeMilliseconds() * 1000)]),
            new DoubleColumn([.. rows.Select((r, i) => (day * 100) + i + 0.5)], [.. rows.Select((_, i) => i % 7 != 3)]),
            BinaryColumn.FromStrings([.. rows.Select((r, i) => i % 5 == 0 ? null : $"tier-{r.Customer}-{i % 3}")]),
        ], rows.Count);
        Write(path, schema, batch, rowGroupSize: 7, new Dictionary<string, string> { ["origin"] = $"customers day {day}" });
    }

    private static void WritePairs(string path, List<(string Customer, long Merchant, DateTimeOffset At)> rows, int part)
    {
        var schema = new ParquetSchema(
            new ParquetField("customer_id", ParquetType.String, Nullable: false),
            new ParquetField("merchant_id", ParquetType.Int64, Nullable: false),
            new ParquetField("event_timestamp", ParquetType.Timestamp(TimeUnit.Micros, isAdjustedToUtc: true), Nullable: false),
            new ParquetField("visits", ParquetType.Int64));
        var batch = new RecordBatch(schema,
        [
            BinaryColumn.FromStrings([.. rows.Select(r => r.Customer)]),
            new Int64Column([.. rows.Select(r => r.Merchant)]),
            new Int64Column([.. rows.Select(r => r.At.ToUnixTimeMilliseconds() * 1000)]),
            new Int64Column([.. rows.Select((r, i) => (long)((part * 1000) + i))]),
        ], rows.Count);
        Write(path, schema, batch, rowGroupSize: 6, null);
    }

    private static void Write(string path, ParquetSchema schema, RecordBatch batch, int rowGroupSize, Dictionary<string, string>? metadata)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var writer = ParquetFileWriter.Create(path, schema, new ParquetWriteOptions
        {
            RowGroupSize = rowGroupSize,
            Compression = ParquetCompression.Zstd,
            KeyValueMetadata = metadata,
        });
        writer.WriteBatch(batch);
    }

    public static EntityKey Customer(string id) => EntityKey.Of(FeatureValue.FromString(id));

    public static EntityKey Pair(string customer, long merchant) => EntityKey.Of(FeatureValue.FromString(customer), FeatureValue.FromInt64(merchant));

    public static EntityKey Merchant(long id) => EntityKey.Of(FeatureValue.FromInt64(id));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Dir, recursive: true);
    }
}
