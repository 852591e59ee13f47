using FeatureStore.Parquet;

namespace FeatureStore.Cli.Sample;

/// <summary>
/// Generates the sample repo's feature history: 14 days ending at <c>end</c> for 500 drivers and 2,000 customers (and the
/// last 2 days of the drivers' trips for the quickstart's push source).
/// Values are seeded (the same every run); timestamps are relative to <c>end</c> so the data is recent.
/// Created timestamps trail event timestamps by seconds to minutes, and about 1% arrive hours late.
/// </summary>
internal static class SampleHistory
{
    public const int DriverCount = 500;
    public const long FirstDriverId = 1001;
    public const int CustomerCount = 2000;
    public const int Days = 14;
    public const int EmbeddingDimension = 8;
    public const int TripDays = 2;
    public const long FirstHistoryTripId = 1_000_001;

    private static readonly string[] Cities =
    [
        "London", "Paris", "Berlin", "Madrid", "Rome", "Amsterdam", "Vienna", "Lisbon", "Prague", "Dublin",
        "Warsaw", "Brussels", "Copenhagen", "Stockholm", "Oslo", "Helsinki", "Athens", "Zurich", "Munich", "Lyon",
    ];

    public static string CustomerId(int index) => $"C{index + 1:D5}";

    /// <summary>Hourly driver stats; each driver reports in about 60% of hours.</summary>
    public static RecordBatch DriverStats(DateTimeOffset end)
    {
        var random = new SampleDistributions(1);
        var baseConversion = Enumerable.Range(0, DriverCount).Select(_ => SampleDistributions.Clamp(random.Normal(0.35, 0.12), 0.02, 0.95)).ToArray();
        var baseTrips = Enumerable.Range(0, DriverCount).Select(_ => SampleDistributions.Clamp(random.LogNormal(2.8, 0.5), 2, 80)).ToArray();
        var baseRating = Enumerable.Range(0, DriverCount).Select(_ => SampleDistributions.Clamp(random.Normal(4.7, 0.2), 3.0, 5.0)).ToArray();

        var ids = new List<long>();
        var events = new List<long>();
        var created = new List<long>();
        var conversion = new List<float>();
        var acceptance = new List<float>();
        var trips = new List<int>();
        var ratings = new List<double>();
        var start = end.AddDays(-Days);
        for (var hour = start; hour < end; hour = hour.AddHours(1))
        {
            for (var driver = 0; driver < DriverCount; driver++)
            {
                if (!random.Chance(0.6))
                {
                    continue;
                }
                var eventTime = hour.AddSeconds(random.Int(0, 3600));
                ids.Add(FirstDriverId + driver);
                events.Add(Micros(eventTime));
                created.Add(Micros(eventTime.AddSeconds(CreationDelaySeconds(random))));
                conversion.Add((float)SampleDistributions.Clamp(random.Normal(baseConversion[driver], 0.05), 0, 1));
                acceptance.Add((float)SampleDistributions.Clamp(random.Normal(0.85, 0.08), 0, 1));
                trips.Add(random.Poisson(baseTrips[driver]));
                ratings.Add(Math.Round(SampleDistributions.Clamp(random.Normal(baseRating[driver], 0.05), 1, 5), 2));
            }
        }

        var schema = new ParquetSchema(
            new ParquetField("driver_id", ParquetType.Int64, Nullable: false),
            new ParquetField("event_timestamp", ParquetType.Timestamp(TimeUnit.Micros), Nullable: false),
            new ParquetField("created_timestamp", ParquetType.Timestamp(TimeUnit.Micros), Nullable: false),
            new ParquetField("conv_rate", ParquetType.Float),
            new ParquetField("acc_rate", ParquetType.Float),
            new ParquetField("avg_daily_trips", ParquetType.Int32),
            new ParquetField("rating", ParquetType.Double));
        return new RecordBatch(schema,
        [
            new Int64Column([.. ids]), new Int64Column([.. events]), new Int64Column([.. created]),
            new FloatColumn([.. conversion]), new FloatColumn([.. acceptance]), new Int32Column([.. trips]), new DoubleColumn([.. ratings]),
        ], ids.Count);
    }

    /// <summary>Daily customer profile snapshots, one batch per day; about 30% of customers change each day, 2% have no known city.</summary>
    public static IEnumerable<(DateOnly Day, RecordBatch Batch)> CustomerProfiles(DateTimeOffset end)
    {
        var random = new SampleDistributions(2);
        var ages = Enumerable.Range(0, CustomerCount).Select(_ => (int)SampleDistributions.Clamp(random.Normal(38, 12), 18, 90)).ToArray();
        var cities = Enumerable.Range(0, CustomerCount).Select(_ => random.Chance(0.02) ? null : Cities[random.Zipf(Cities.Length)]).ToArray();
        var scores = Enumerable.Range(0, CustomerCount).Select(_ => (int)SampleDistributions.Clamp(random.Normal(680, 70), 300, 850)).ToArray();
        var values = Enumerable.Range(0, CustomerCount).Select(_ => random.LogNormal(5.5, 1.1)).ToArray();
        var schema = new ParquetSchema(
            new ParquetField("customer_id", ParquetType.String, Nullable: false),
            new ParquetField("event_timestamp", ParquetType.Timestamp(TimeUnit.Micros), Nullable: false),
            new ParquetField("created_timestamp", ParquetType.Timestamp(TimeUnit.Micros), Nullable: false),
            new ParquetField("age", ParquetType.Int32),
            new ParquetField("home_city", ParquetType.String),
            new ParquetField("credit_score", ParquetType.Int32),
            new ParquetField("lifetime_value", ParquetType.Double));

        var firstDay = DateOnly.FromDateTime(end.AddDays(-Days).UtcDateTime);
        for (var dayIndex = 0; dayIndex < Days; dayIndex++)
        {
            var day = firstDay.AddDays(dayIndex);
            var customerIds = new List<string?>();
            var events = new List<long>();
            var created = new List<long>();
            var rowAges = new List<int>();
            var rowCities = new List<string?>();
            var rowScores = new List<int>();
            var rowValues = new List<double>();
            for (var customer = 0; customer < CustomerCount; customer++)
            {
                // Everyone has a snapshot on the first day; afterwards only the customers whose profile changed.
                if (dayIndex > 0 && !random.Chance(0.3))
                {
                    continue;
                }
                scores[customer] = (int)SampleDistributions.Clamp(scores[customer] + random.Normal(0, 8), 300, 850);
                values[customer] += random.LogNormal(2, 1);
                var eventTime = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddSeconds(random.Int(0, 86_400));
                if (eventTime >= end)
                {
                    continue;
                }
                customerIds.Add(CustomerId(customer));
                events.Add(Micros(eventTime));
                created.Add(Micros(eventTime.AddSeconds(CreationDelaySeconds(random))));
                rowAges.Add(ages[customer]);
                rowCities.Add(cities[customer]);
                rowScores.Add(scores[customer]);
                rowValues.Add(Math.Round(values[customer], 2));
            }
            var cityColumn = BinaryColumn.FromStrings(rowCities);
            yield return (day, new RecordBatch(schema,
            [
                BinaryColumn.FromStrings(customerIds), new Int64Column([.. events]), new Int64Column([.. created]),
                new Int32Column([.. rowAges]), cityColumn, new Int32Column([.. rowScores]), new DoubleColumn([.. rowValues]),
            ], customerIds.Count));
        }
    }

    /// <summary>
    /// Completed trips of the last <see cref="TripDays"/> days up to an hour before <c>end</c> (so the quickstart's live
    /// events are always newer), one batch per event date. Columns in the order pushed rows are appended in, all nullable
    /// like theirs, so history and appended files form one dataset.
    /// </summary>
    public static IEnumerable<(DateOnly Day, RecordBatch Batch)> DriverTrips(DateTimeOffset end)
    {
        var random = new SampleDistributions(4);
        var tripsPerDay = Enumerable.Range(0, DriverCount).Select(_ => SampleDistributions.Clamp(random.LogNormal(1.8, 0.5), 1, 25)).ToArray();
        var trips = new List<(DateTimeOffset EventTime, long DriverId, double Fare, float Distance)>();
        var start = end.AddDays(-TripDays);
        var last = end.AddHours(-1);
        for (var driver = 0; driver < DriverCount; driver++)
        {
            var count = random.Poisson(tripsPerDay[driver] * TripDays);
            for (var i = 0; i < count; i++)
            {
                var eventTime = start.AddSeconds(random.Int(0, (int)(last - start).TotalSeconds));
                var distance = SampleDistributions.Clamp(random.LogNormal(1.6, 0.6), 0.5, 60);
                trips.Add((eventTime, FirstDriverId + driver, TripFare(random, distance), (float)Math.Round(distance, 1)));
            }
        }

        var schema = new ParquetSchema(
            new ParquetField("event_timestamp", ParquetType.Timestamp(TimeUnit.Micros)),
            new ParquetField("ingested_at", ParquetType.Timestamp(TimeUnit.Micros)),
            new ParquetField("driver_id", ParquetType.Int64),
            new ParquetField("trip_id", ParquetType.Int64),
            new ParquetField("fare_eur", ParquetType.Double),
            new ParquetField("distance_km", ParquetType.Float));
        var tripId = FirstHistoryTripId;
        foreach (var day in trips.OrderBy(t => t.EventTime).GroupBy(t => DateOnly.FromDateTime(t.EventTime.UtcDateTime)))
        {
            var rows = day.ToList();
            yield return (day.Key, new RecordBatch(schema,
            [
                new Int64Column([.. rows.Select(t => Micros(t.EventTime))]),
                new Int64Column([.. rows.Select(t => Micros(t.EventTime.AddSeconds(random.Int(1, 5))))]),
                new Int64Column([.. rows.Select(t => t.DriverId)]),
                new Int64Column([.. rows.Select(_ => tripId++)]),
                new DoubleColumn([.. rows.Select(t => t.Fare)]),
                new FloatColumn([.. rows.Select(t => t.Distance)]),
            ], rows.Count));
        }
    }

    /// <summary>A base fare plus a per-kilometre rate with some noise (surge, waiting time), in EUR.</summary>
    public static double TripFare(SampleDistributions random, double distanceKm) =>
        Math.Round(3.5 + (1.6 * distanceKm * SampleDistributions.Clamp(random.Normal(1, 0.15), 0.7, 2)), 2);

    /// <summary>Weekly driver embeddings (list of float32), no created timestamp column.</summary>
    public static RecordBatch DriverEmbeddings(DateTimeOffset end)
    {
        var random = new SampleDistributions(3);
        var ids = new List<long>();
        var events = new List<long>();
        var embeddings = new List<float[]?>();
        for (var week = Days / 7; week >= 1; week--)
        {
            var eventTime = end.AddDays(-7 * week).AddHours(3);
            for (var driver = 0; driver < DriverCount; driver++)
            {
                var vector = new float[EmbeddingDimension];
                var norm = 0.0;
                for (var i = 0; i < vector.Length; i++)
                {
                    vector[i] = (float)random.Normal(0, 1);
                    norm += vector[i] * vector[i];
                }
                for (var i = 0; i < vector.Length; i++)
                {
                    vector[i] = (float)(vector[i] / Math.Sqrt(norm));
                }
                ids.Add(FirstDriverId + driver);
                events.Add(Micros(eventTime));
                embeddings.Add(vector);
            }
        }
        var schema = new ParquetSchema(
            new ParquetField("driver_id", ParquetType.Int64, Nullable: false),
            new ParquetField("event_timestamp", ParquetType.Timestamp(TimeUnit.Micros), Nullable: false),
            new ParquetField("embedding", ParquetType.ListOf(ParquetType.Float, elementNullable: false)));
        return new RecordBatch(schema, [new Int64Column([.. ids]), new Int64Column([.. events]), ListColumn.FromFloatArrays(embeddings)], ids.Count);
    }

    // Most rows land within minutes; about 1% are backfilled hours later (the late data Feast's incremental materialization skips).
    private static double CreationDelaySeconds(SampleDistributions random) =>
        random.Chance(0.01) ? random.Int(3 * 3600, 30 * 3600) : random.Int(1, 300);

    private static long Micros(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
}
