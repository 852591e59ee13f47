using FeatureStore.Parquet;
using FeatureStore.Registry.Model;

namespace FeatureStore.Benchmarks;

/// <summary>
/// The point-in-time benchmark's data: three views over one int64 entity (hourly stats 50%, daily stats 30%, profile 20% of
/// the feature rows), 30 days of history written in time order (1M-row row groups), and a spine of random (driver, t).
/// Event times are random microseconds, so exact ties are rare and ASOF JOIN's arbitrary tie order cannot differ.
/// </summary>
internal static class PitData
{
    public const long Day = 86_400_000_000L;
    public static readonly long Start = (new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
    public static readonly long End = Start + (30 * Day);

    private static readonly string[] Cities = ["London", "Paris", "Berlin", "Madrid", "Rome", "Lisbon", "Vienna", "Prague", "Dublin", "Oslo"];

    public static RegistryDefinitions Definitions() => new(
        "bench",
        [new EntityDefinition("driver", [new JoinKey("driver_id", FeatureType.Int64)])],
        [
            new DataSourceDefinition("hourly_source", "hourly.parquet", "event_ts", "created_ts"),
            new DataSourceDefinition("daily_source", "daily.parquet", "event_ts"),
            new DataSourceDefinition("profile_source", "profile.parquet", "event_ts"),
        ],
        [
            new FeatureViewDefinition("hourly_stats", ["driver"],
                [new("conv_rate", FeatureType.Float32), new("acc_rate", FeatureType.Float32), new("trips", FeatureType.Int32)],
                "hourly_source", "bench", Ttl: TimeSpan.FromDays(2)),
            new FeatureViewDefinition("daily_stats", ["driver"],
                [new("rating", FeatureType.Float64), new("earnings", FeatureType.Int64)], "daily_source", "bench", Ttl: TimeSpan.FromDays(7)),
            new FeatureViewDefinition("profile", ["driver"],
                [new("city", FeatureType.String), new("active", FeatureType.Bool)], "profile_source", "bench"),
        ],
        []);

    public static void Generate(string dir, long entities, long featureRows, long spineRows)
    {
        var random = new Random(42);
        WriteView(Path.Combine(dir, "hourly.parquet"), featureRows / 2, entities, random, hourly: true,
            new ParquetField("conv_rate", ParquetType.Float), new ParquetField("acc_rate", ParquetType.Float), new ParquetField("trips", ParquetType.Int32));
        WriteView(Path.Combine(dir, "daily.parquet"), featureRows * 3 / 10, entities, random, hourly: false,
            new ParquetField("rating", ParquetType.Double), new ParquetField("earnings", ParquetType.Int64));
        WriteView(Path.Combine(dir, "profile.parquet"), featureRows - (featureRows / 2) - (featureRows * 3 / 10), entities, random, hourly: false,
            new ParquetField("city", ParquetType.String), new ParquetField("active", ParquetType.Boolean));
        WriteSpine(Path.Combine(dir, "spine.parquet"), spineRows, entities, random);
    }

    private static void WriteView(string path, long rows, long entities, Random random, bool hourly, params ParquetField[] features)
    {
        var fields = new List<ParquetField>
        {
            new("driver_id", ParquetType.Int64, Nullable: false),
            new("event_ts", ParquetType.Timestamp(TimeUnit.Micros), Nullable: false),
        };
        if (hourly)
        {
            fields.Add(new ParquetField("created_ts", ParquetType.Timestamp(TimeUnit.Micros), Nullable: false));
        }

        fields.AddRange(features);
        var schema = new ParquetSchema(fields);
        const int chunk = 1 << 20;
        using var writer = ParquetFileWriter.Create(path, schema, new ParquetWriteOptions { RowGroupSize = chunk });
        for (long start = 0; start < rows; start += chunk)
        {
            var count = (int)Math.Min(chunk, rows - start);
            var ids = new long[count];
            var events = new long[count];
            var sliceStart = Start + ((End - Start) * start / rows);
            var sliceLength = Math.Max(1, (End - Start) * count / rows);
            for (var i = 0; i < count; i++)
            {
                ids[i] = 1 + random.NextInt64(entities);
                events[i] = sliceStart + random.NextInt64(sliceLength);
            }

            Array.Sort(events);
            var columns = new List<Column> { new Int64Column(ids), new Int64Column(events) };
            if (hourly)
            {
                columns.Add(new Int64Column([.. events.Select(e => e + random.NextInt64(300_000_000))]));
            }

            columns.AddRange(features.Select(f => FeatureColumn(f.Type, count, random)));
            writer.WriteBatch(new RecordBatch(schema, columns, count));
        }
    }

    private static Column FeatureColumn(ParquetType type, int count, Random random) => type.Kind switch
    {
        ParquetTypeKind.Float => new FloatColumn([.. Enumerable.Range(0, count).Select(_ => random.NextSingle())]),
        ParquetTypeKind.Double => new DoubleColumn([.. Enumerable.Range(0, count).Select(_ => Math.Round(random.NextDouble() * 5, 2))]),
        ParquetTypeKind.Int32 => new Int32Column([.. Enumerable.Range(0, count).Select(_ => random.Next(100))]),
        ParquetTypeKind.Int64 => new Int64Column([.. Enumerable.Range(0, count).Select(_ => random.NextInt64(1_000_000))]),
        ParquetTypeKind.Boolean => new BooleanColumn([.. Enumerable.Range(0, count).Select(_ => random.Next(4) != 0)]),
        _ => BinaryColumn.FromStrings([.. Enumerable.Range(0, count).Select(_ => Cities[random.Next(Cities.Length)])]),
    };

    private static void WriteSpine(string path, long rows, long entities, Random random)
    {
        var schema = new ParquetSchema(
            new ParquetField("driver_id", ParquetType.Int64, Nullable: false),
            new ParquetField("event_timestamp", ParquetType.Timestamp(TimeUnit.Micros), Nullable: false),
            new ParquetField("label", ParquetType.Int32, Nullable: false));
        var count = (int)rows;
        var ids = new long[count];
        var times = new long[count];
        var labels = new int[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = 1 + random.NextInt64(entities);
            times[i] = Start + Day + random.NextInt64(End - Start - Day);
            labels[i] = random.Next(2);
        }

        using var writer = ParquetFileWriter.Create(path, schema, new ParquetWriteOptions { RowGroupSize = 1 << 20 });
        writer.WriteBatch(new RecordBatch(schema, [new Int64Column(ids), new Int64Column(times), new Int32Column(labels)], count));
    }
}
