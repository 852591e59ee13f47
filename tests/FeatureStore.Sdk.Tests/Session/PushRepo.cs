using FeatureStore.Cli;
using FeatureStore.Parquet;

namespace FeatureStore.Sdk.Tests.Session;

/// <summary>
/// A small feature repo in a temp folder, applied with <c>featurestore apply</c>: entity driver, the push source
/// <c>driver_pushes</c> (<c>data/driver_pushes/</c>, created column <c>ingested_at</c>) read by the online view
/// <c>driver_live</c> (conv_rate in [0, 1]), and the batch view <c>driver_stats</c>. Embedded SQLite stores.
/// </summary>
internal sealed class PushRepo : IDisposable
{
    public const string Definitions = """
        entities:
          - name: driver
            join_keys: [{name: driver_id, type: int64}]
        data_sources:
          - name: driver_pushes
            path: data/driver_pushes/
            timestamp_field: event_timestamp
            created_timestamp_field: ingested_at
            stream: {kind: push}
          - name: driver_stats_source
            path: data/driver_stats/
            timestamp_field: event_timestamp
        feature_views:
          - name: driver_live
            owner: rides-ml@example.com
            entities: [driver]
            source: driver_pushes
            ttl: 1d
            quality:
              policy: fail
              rules:
                - {feature: conv_rate, min: 0, max: 1}
            features:
              - {name: conv_rate, type: float32}
              - {name: trips, type: int64}
              - {name: city, type: string}
          - name: driver_stats
            owner: rides-ml@example.com
            entities: [driver]
            source: driver_stats_source
            features:
              - {name: trips, type: int64}
        """;

    private PushRepo(string dir) => Dir = dir;

    public string Dir { get; }

    public string PushFolder => Path.Combine(Dir, "data", "driver_pushes");

    public static async Task<PushRepo> CreateAsync()
    {
        var repo = new PushRepo(Directory.CreateTempSubdirectory("fs-sdk-push-").FullName);
        await File.WriteAllTextAsync(Path.Combine(repo.Dir, "featurestore.yaml"), "project: rides\n");
        await File.WriteAllTextAsync(Path.Combine(repo.Dir, "drivers.yaml"), Definitions);
        Directory.CreateDirectory(repo.PushFolder);
        var (exit, _, error) = await repo.RunCliAsync("apply");
        Assert.True(exit == 0, error);
        return repo;
    }

    public async Task<(int Exit, string Output, string Error)> RunCliAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync([.. args, "--repo", Dir], output, error);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>Every row appended to the push source: (driver_id, trips, event time, created time), by driver then event time.</summary>
    public List<(long DriverId, long? Trips, DateTimeOffset EventTime, DateTimeOffset CreatedAt)> AppendedRows()
    {
        var rows = new List<(long, long?, DateTimeOffset, DateTimeOffset)>();
        foreach (var file in Directory.EnumerateFiles(PushFolder, "*.parquet", SearchOption.AllDirectories))
        {
            using var reader = ParquetFileReader.Open(file);
            var batch = reader.ReadAll();
            for (var r = 0; r < batch.RowCount; r++)
            {
                rows.Add(((long)batch["driver_id"].GetValue(r)!, (long?)batch["trips"].GetValue(r), Instant(batch, "event_timestamp", r), Instant(batch, "ingested_at", r)));
            }
        }

        return [.. rows.OrderBy(r => r.Item1).ThenBy(r => r.Item3)];
    }

    public string[] FilesUnderPushFolder() => Directory.GetFiles(PushFolder, "*", SearchOption.AllDirectories);

    private static DateTimeOffset Instant(RecordBatch batch, string column, int row) =>
        new(TemporalValues.ToDateTime(((Int64Column)batch[column]).Values[row], batch.Schema[column].Type.Unit));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Dir, recursive: true);
    }
}
