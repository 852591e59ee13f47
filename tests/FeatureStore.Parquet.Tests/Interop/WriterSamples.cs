namespace FeatureStore.Parquet.Tests.Interop;

/// <summary>
/// A batch covering every type the C# writer supports, each as a nullable (n_*) and a required (r_*) column,
/// with each type's edge values in the first rows and deterministic pseudo-random values after.
/// </summary>
internal static class WriterSamples
{
    private static readonly (string Name, ParquetType Type)[] Types =
    [
        ("bool", ParquetType.Boolean), ("i8", ParquetType.Int8), ("i16", ParquetType.Int16), ("i32", ParquetType.Int32),
        ("i64", ParquetType.Int64), ("u8", ParquetType.UInt8), ("u16", ParquetType.UInt16), ("u32", ParquetType.UInt32),
        ("u64", ParquetType.UInt64), ("f32", ParquetType.Float), ("f64", ParquetType.Double), ("str", ParquetType.String),
        ("bin", ParquetType.Binary), ("enum", ParquetType.Enum), ("fixed16", ParquetType.FixedLenBinary(16)), ("date", ParquetType.Date),
        ("time_ms", ParquetType.Time(TimeUnit.Millis)), ("time_us", ParquetType.Time(TimeUnit.Micros)), ("time_ns", ParquetType.Time(TimeUnit.Nanos)),
        ("ts_ms", ParquetType.Timestamp(TimeUnit.Millis)), ("ts_us", ParquetType.Timestamp(TimeUnit.Micros)),
        ("ts_ns", ParquetType.Timestamp(TimeUnit.Nanos)), ("ts_local", ParquetType.Timestamp(TimeUnit.Micros, isAdjustedToUtc: false)),
        ("ts_ns_local", ParquetType.Timestamp(TimeUnit.Nanos, isAdjustedToUtc: false)),
        ("dec9", ParquetType.Decimal(9, 2)), ("dec18", ParquetType.Decimal(18, 4)), ("dec38", ParquetType.Decimal(38, 10)),
        ("lf32", ParquetType.ListOf(ParquetType.Float, elementNullable: false)), ("lf32n", ParquetType.ListOf(ParquetType.Float)),
        ("lf64", ParquetType.ListOf(ParquetType.Double)), ("li64", ParquetType.ListOf(ParquetType.Int64)),
    ];

    public static ParquetSchema Schema { get; } = new(
        Types.SelectMany(t => new[] { new ParquetField("n_" + t.Name, t.Type), new ParquetField("r_" + t.Name, t.Type, Nullable: false) }).ToArray());

    public static RecordBatch Batch(int rows, int seed = 7)
    {
        var columns = new List<Column>();
        foreach (var (_, type) in Types)
        {
            columns.Add(SampleColumns.Create(type, rows, new Random(seed), nullable: true));
            columns.Add(SampleColumns.Create(type, rows, new Random(seed), nullable: false));
        }

        return new RecordBatch(Schema, columns, rows);
    }
}
