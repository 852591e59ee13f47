using FeatureStore.Parquet;
using FeatureStore.Registry.Model;

namespace FeatureStore.Offline.Tests;

/// <summary>
/// The worked example of docs/point-in-time.md: one view (TTL 2h, created timestamps) and an 8-row spine on 2024-03-01.
/// </summary>
internal static class WorkedExample
{
    public static RegistryDefinitions Definitions(TimeSpan? ttl = null) => new(
        "example",
        [new EntityDefinition("driver", [new JoinKey("driver_id", FeatureType.Int64)])],
        [new DataSourceDefinition("driver_stats_source", "data/driver_stats.parquet", "event_timestamp", "created_timestamp")],
        [new FeatureViewDefinition("driver_hourly_stats", ["driver"], [new FeatureDefinition("conv_rate", FeatureType.Float64), new FeatureDefinition("trips", FeatureType.Int32)],
            "driver_stats_source", "team", Ttl: ttl ?? TimeSpan.FromHours(2))],
        []);

    public static long At(int hour, int minute = 0, int second = 0) =>
        Time.Base + (((hour * 3600L) + (minute * 60L) + second) * 1_000_000);

    public static void WriteHistory(string repoDir)
    {
        (long Driver, long Event, long Created, double? Conv, int Trips)[] rows =
        [
            (1001, At(9), At(9, 5), 0.50, 10),
            (1001, At(10), At(10, 2), 0.60, 11),
            (1001, At(10), At(10, 30), 0.65, 12),
            (1001, At(11), At(13), 0.70, 13),
            (1001, At(12), At(12, 1), null, 14),
            (1002, At(6), At(6, 1), 0.90, 20),
        ];
        var schema = new ParquetSchema(
            new ParquetField("driver_id", ParquetType.Int64, Nullable: false),
            new ParquetField("event_timestamp", ParquetType.Timestamp(TimeUnit.Micros)),
            new ParquetField("created_timestamp", ParquetType.Timestamp(TimeUnit.Micros)),
            new ParquetField("conv_rate", ParquetType.Double),
            new ParquetField("trips", ParquetType.Int32));
        ParquetFiles.Write(Path.Combine(repoDir, "data/driver_stats.parquet"), schema,
        [
            new Int64Column([.. rows.Select(r => r.Driver)]),
            new Int64Column([.. rows.Select(r => r.Event)]),
            new Int64Column([.. rows.Select(r => r.Created)]),
            new DoubleColumn([.. rows.Select(r => r.Conv ?? 0)], [.. rows.Select(r => r.Conv.HasValue)]),
            new Int32Column([.. rows.Select(r => r.Trips)]),
        ]);
    }

    public static (long Driver, long T)[] SpineRows =>
    [
        (1001, At(8)),
        (1001, At(10)),
        (1001, At(11, 30)),
        (1001, At(12)),
        (1002, At(8)),
        (1002, At(8, 0, 1)),
        (1003, At(9)),
        (1001, At(10)),
    ];

    public static string WriteSpine(string path)
    {
        var schema = new ParquetSchema(
            new ParquetField("driver_id", ParquetType.Int64),
            new ParquetField("event_timestamp", ParquetType.Timestamp(TimeUnit.Micros)),
            new ParquetField("label", ParquetType.Int32));
        ParquetFiles.Write(path, schema,
        [
            new Int64Column([.. SpineRows.Select(r => r.Driver)]),
            new Int64Column([.. SpineRows.Select(r => r.T)]),
            new Int32Column([.. SpineRows.Select((_, i) => i)]),
        ]);
        return path;
    }
}
