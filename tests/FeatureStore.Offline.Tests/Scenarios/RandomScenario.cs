using System.Globalization;
using FeatureStore.Parquet;
using FeatureStore.Registry.Model;

namespace FeatureStore.Offline.Tests;

/// <summary>
/// A seeded random feature repo built to break point-in-time joins: three views keyed by an int64 entity, a string entity and
/// both (composite); timestamps on a 30-minute grid (exact ties, rows exactly at the TTL boundary), late created timestamps,
/// null values, keys the spine never asks for, a hive-partitioned source, timestamps in millis/micros/nanos, naive and UTC;
/// and a spine with duplicate rows, unknown keys and null keys. Every feature row has a unique <c>seq</c> in file order.
/// </summary>
internal sealed class RandomScenario
{
    public const string DriverView = "driver_stats";
    public const string CustomerView = "customer_profile";
    public const string PairView = "pair_stats";

    private RandomScenario(string dir, RegistryDefinitions definitions, string spinePath, IReadOnlyList<OracleView> oracleViews)
    {
        Dir = dir;
        Definitions = definitions;
        SpinePath = spinePath;
        OracleViews = oracleViews;
    }

    public string Dir { get; }

    public RegistryDefinitions Definitions { get; }

    public string SpinePath { get; }

    public IReadOnlyList<OracleView> OracleViews { get; }

    public static RandomScenario Create(string dir, int seed, int featureRows = 1500, int spineRows = 600, int firstSpineSlot = -2, int lastSpineSlot = 66, int drivers = 25)
    {
        var random = new Random(seed);
        var customers = 15;
        string Customer(int i) => $"c{i:D2}";
        long Created(long eventTime) => eventTime + (random.Next(10) switch { < 4 => 0, < 6 => Time.Slot, < 8 => 2 * Time.Slot, 8 => 7 * Time.Slot, _ => 10 * Time.Slot });
        long Event() => Time.At(random.Next(0, 60));
        var seq = 0L;

        // driver_stats: int64 key, created column, TTL 2h, micros UTC, several row groups sorted by event time.
        {
            // Drivers 26-28 only report early: spine rows asking for them later are OUTSIDE_TTL through the keys-only path.
            var rows = Enumerable.Range(0, featureRows).Select(_ =>
            {
                var e = Event();
                return random.Next(10) switch
                {
                    0 => (Driver: 900 + random.Next(5), Event: e, Created: Created(e)),
                    1 => (Driver: drivers + 1 + random.Next(3), Event: Time.At(random.Next(0, 20)), Created: Created(Time.At(random.Next(0, 20)))),
                    _ => (Driver: 1 + random.Next(drivers), Event: e, Created: Created(e)),
                };
            }).OrderBy(r => r.Event).ToList();
            var schema = new ParquetSchema(
                new ParquetField("driver_id", ParquetType.Int64, Nullable: false),
                new ParquetField("event_timestamp", ParquetType.Timestamp(TimeUnit.Micros)),
                new ParquetField("created", ParquetType.Timestamp(TimeUnit.Micros)),
                new ParquetField("seq", ParquetType.Int64, Nullable: false),
                new ParquetField("a_int", ParquetType.Int32),
                new ParquetField("a_double", ParquetType.Double),
                new ParquetField("a_text", ParquetType.String),
                new ParquetField("a_event", ParquetType.Timestamp(TimeUnit.Micros)),
                new ParquetField("a_created", ParquetType.Timestamp(TimeUnit.Micros)));
            var ints = rows.Select(_ => random.Next(10) == 0 ? (int?)null : random.Next(-1000, 1000)).ToList();
            var texts = rows.Select(_ => random.Next(20) == 0 ? null : $"t{random.Next(100)}").ToList();
            ParquetFiles.Write(Path.Combine(dir, "data/driver_stats.parquet"), schema,
            [
                new Int64Column([.. rows.Select(r => (long)r.Driver)]),
                new Int64Column([.. rows.Select(r => r.Event)]),
                new Int64Column([.. rows.Select(r => r.Created)]),
                new Int64Column([.. rows.Select(_ => seq++)]),
                new Int32Column([.. ints.Select(v => v ?? 0)], [.. ints.Select(v => v.HasValue)]),
                new DoubleColumn([.. rows.Select(_ => Math.Round(random.NextDouble() * 100, 3))]),
                BinaryColumn.FromStrings(texts),
                new Int64Column([.. rows.Select(r => r.Event)]),
                new Int64Column([.. rows.Select(r => r.Created)]),
            ], rowGroupSize: 256);
        }

        // customer_profile: string key, no created column, no TTL, naive millis, hive partitions date=YYYY-MM-DD.
        foreach (var day in Enumerable.Range(0, 2))
        {
            var rows = Enumerable.Range(0, featureRows / 3)
                .Select(_ => (Customer: random.Next(12) == 0 ? "zz" + random.Next(3) : Customer(1 + random.Next(customers)), Event: Time.At((day * 48) + random.Next(0, 48))))
                .Where(r => r.Event < Time.At(62)).ToList();
            var schema = new ParquetSchema(
                new ParquetField("customer_id", ParquetType.String, Nullable: false),
                new ParquetField("ts", ParquetType.Timestamp(TimeUnit.Millis, isAdjustedToUtc: false)),
                new ParquetField("seq", ParquetType.Int64, Nullable: false),
                new ParquetField("b_float", ParquetType.Float),
                new ParquetField("b_flag", ParquetType.Boolean),
                new ParquetField("b_event", ParquetType.Timestamp(TimeUnit.Micros)));
            var floats = rows.Select(_ => random.Next(8) == 0 ? (float?)null : (float)(random.NextDouble() * 10)).ToList();
            var date = DateTimeOffset.UnixEpoch.AddTicks(Time.At(day * 48) * 10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            ParquetFiles.Write(Path.Combine(dir, $"data/customers/date={date}/part-0.parquet"), schema,
            [
                BinaryColumn.FromStrings([.. rows.Select(r => r.Customer)]),
                new Int64Column([.. rows.Select(r => r.Event / 1000)]),
                new Int64Column([.. rows.Select(_ => seq++)]),
                new FloatColumn([.. floats.Select(v => v ?? 0)], [.. floats.Select(v => v.HasValue)]),
                new BooleanColumn([.. rows.Select(_ => random.Next(2) == 0)]),
                new Int64Column([.. rows.Select(r => r.Event)]),
            ]);
        }

        // pair_stats: composite key (driver, customer), created column, TTL 3h, nanos UTC.
        {
            var rows = Enumerable.Range(0, featureRows).Select(_ =>
            {
                var e = Event();
                return (Driver: 1 + random.Next(6), Customer: Customer(1 + random.Next(4)), Event: e, Created: Created(e));
            }).ToList();
            var schema = new ParquetSchema(
                new ParquetField("driver_id", ParquetType.Int64, Nullable: false),
                new ParquetField("customer_id", ParquetType.String, Nullable: false),
                new ParquetField("event_time", ParquetType.Timestamp(TimeUnit.Nanos)),
                new ParquetField("created_time", ParquetType.Timestamp(TimeUnit.Nanos)),
                new ParquetField("seq", ParquetType.Int64, Nullable: false),
                new ParquetField("c_long", ParquetType.Int64),
                new ParquetField("c_event", ParquetType.Timestamp(TimeUnit.Micros)),
                new ParquetField("c_created", ParquetType.Timestamp(TimeUnit.Micros)));
            ParquetFiles.Write(Path.Combine(dir, "data/pairs.parquet"), schema,
            [
                new Int64Column([.. rows.Select(r => (long)r.Driver)]),
                BinaryColumn.FromStrings([.. rows.Select(r => r.Customer)]),
                new Int64Column([.. rows.Select(r => r.Event * 1000)]),
                new Int64Column([.. rows.Select(r => r.Created * 1000)]),
                new Int64Column([.. rows.Select(_ => seq++)]),
                new Int64Column([.. rows.Select(_ => (long)random.Next() * 1000)]),
                new Int64Column([.. rows.Select(r => r.Event)]),
                new Int64Column([.. rows.Select(r => r.Created)]),
            ], rowGroupSize: 300);
        }

        var spinePath = Path.Combine(dir, "spine.parquet");
        WriteSpine(spinePath, random, spineRows, drivers, customers, Customer, firstSpineSlot, lastSpineSlot);
        return new RandomScenario(dir, BuildDefinitions(), spinePath, OracleViewsFor(dir));
    }

    private static void WriteSpine(string path, Random random, int count, int drivers, int customers, Func<int, string> customer, int firstSlot, int lastSlot)
    {
        var driverIds = new List<long?>();
        var customerIds = new List<string?>();
        var times = new List<long>();
        for (var i = 0; i < count; i++)
        {
            if (i > 0 && random.Next(20) == 0)
            {
                var copy = random.Next(i);
                driverIds.Add(driverIds[copy]);
                customerIds.Add(customerIds[copy]);
                times.Add(times[copy]);
                continue;
            }

            driverIds.Add(random.Next(40) == 0 ? null : 1 + random.Next(drivers + 3));
            customerIds.Add(random.Next(40) == 0 ? null : customer(1 + random.Next(customers + 3)));
            var slot = random.Next(firstSlot, lastSlot);
            times.Add(random.Next(3) == 0 ? Time.At(slot) + random.Next(1, (int)(Time.Slot / 1000)) * 1000L : Time.At(slot));
        }

        var schema = new ParquetSchema(
            new ParquetField("row_id", ParquetType.Int64, Nullable: false),
            new ParquetField("driver_id", ParquetType.Int64),
            new ParquetField("customer_id", ParquetType.String),
            new ParquetField("event_timestamp", ParquetType.Timestamp(TimeUnit.Micros, isAdjustedToUtc: false), Nullable: false),
            new ParquetField("label", ParquetType.Double));
        ParquetFiles.Write(path, schema,
        [
            new Int64Column([.. Enumerable.Range(0, count).Select(i => (long)i)]),
            new Int64Column([.. driverIds.Select(d => d ?? 0)], [.. driverIds.Select(d => d.HasValue)]),
            BinaryColumn.FromStrings(customerIds),
            new Int64Column([.. times]),
            new DoubleColumn([.. Enumerable.Range(0, count).Select(i => i * 0.5)]),
        ]);
    }

    private static RegistryDefinitions BuildDefinitions()
    {
        FeatureDefinition F(string name, FeatureType type) => new(name, type);
        return new RegistryDefinitions(
            "test",
            [
                new EntityDefinition("driver", [new JoinKey("driver_id", FeatureType.Int64)]),
                new EntityDefinition("customer", [new JoinKey("customer_id", FeatureType.String)]),
            ],
            [
                new DataSourceDefinition("driver_source", "data/driver_stats.parquet", "event_timestamp", "created"),
                new DataSourceDefinition("customer_source", "data/customers", "ts"),
                new DataSourceDefinition("pair_source", "data/pairs.parquet", "event_time", "created_time"),
            ],
            [
                new FeatureViewDefinition(DriverView, ["driver"],
                    [F("a_int", FeatureType.Int32), F("a_double", FeatureType.Float64), F("a_text", FeatureType.String), F("a_event", FeatureType.Timestamp), F("a_created", FeatureType.Timestamp)],
                    "driver_source", "team", Ttl: TimeSpan.FromHours(2)),
                new FeatureViewDefinition(CustomerView, ["customer"],
                    [F("b_float", FeatureType.Float32), F("b_flag", FeatureType.Bool), F("b_event", FeatureType.Timestamp)],
                    "customer_source", "team"),
                new FeatureViewDefinition(PairView, ["driver", "customer"],
                    [F("c_long", FeatureType.Int64), F("c_event", FeatureType.Timestamp), F("c_created", FeatureType.Timestamp)],
                    "pair_source", "team", Ttl: TimeSpan.FromHours(3), Version: 2),
            ],
            [new FeatureServiceDefinition("everything", [new FeatureSelection(DriverView, []), new FeatureSelection(CustomerView, []), new FeatureSelection(PairView, [])], "team")]);
    }

    private static List<OracleView> OracleViewsFor(string dir) =>
    [
        new(DriverView, Path.Combine(dir, "data/driver_stats.parquet"), false, ["driver_id"], "event_timestamp", "created", 2L * 3600 * 1_000_000,
            ["a_int", "a_double", "a_text", "a_event", "a_created"]),
        new(CustomerView, Path.Combine(dir, "data/customers/*/*.parquet"), true, ["customer_id"], "ts", null, null, ["b_float", "b_flag", "b_event"]),
        new(PairView, Path.Combine(dir, "data/pairs.parquet"), false, ["driver_id", "customer_id"], "event_time", "created_time", 3L * 3600 * 1_000_000,
            ["c_long", "c_event", "c_created"]),
    ];
}
