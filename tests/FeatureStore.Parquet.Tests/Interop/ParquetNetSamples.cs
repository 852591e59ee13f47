namespace FeatureStore.Parquet.Tests.Interop;

/// <summary>
/// A batch of every shape Parquet.Net can write (the Interop README lists the ones it cannot): each flat type as a
/// nullable (n_*) and a required (r_*) column, lists as nullable only, edge values first (see <see cref="SampleColumns"/>).
/// Nanosecond timestamps are whole 100 ns ticks (Parquet.Net takes DateTime); dec38_wide holds values past System.Decimal.
/// </summary>
internal static class ParquetNetSamples
{
    private static readonly (string Name, ParquetType Type)[] FlatTypes =
    [
        ("bool", ParquetType.Boolean), ("i8", ParquetType.Int8), ("i16", ParquetType.Int16), ("i32", ParquetType.Int32),
        ("i64", ParquetType.Int64), ("u8", ParquetType.UInt8), ("u16", ParquetType.UInt16), ("u32", ParquetType.UInt32),
        ("u64", ParquetType.UInt64), ("f32", ParquetType.Float), ("f64", ParquetType.Double), ("str", ParquetType.String),
        ("bin", ParquetType.Binary), ("date", ParquetType.Date),
        ("time_ms", ParquetType.Time(TimeUnit.Millis)), ("time_us", ParquetType.Time(TimeUnit.Micros)), ("time_ns", ParquetType.Time(TimeUnit.Nanos)),
        ("ts_ms", ParquetType.Timestamp(TimeUnit.Millis)), ("ts_us", ParquetType.Timestamp(TimeUnit.Micros)),
        ("ts_ns", ParquetType.Timestamp(TimeUnit.Nanos)), ("ts_local", ParquetType.Timestamp(TimeUnit.Micros, isAdjustedToUtc: false)),
        ("ts_ns_local", ParquetType.Timestamp(TimeUnit.Nanos, isAdjustedToUtc: false)),
        ("dec9", ParquetType.Decimal(9, 2)), ("dec18", ParquetType.Decimal(18, 4)), ("dec28", ParquetType.Decimal(28, 6)),
        ("dec38", ParquetType.Decimal(38, 10)), ("dec38_wide", ParquetType.Decimal(38, 10)),
    ];

    private static readonly (string Name, ParquetType Type)[] ListTypes =
    [
        ("lf32", ParquetType.ListOf(ParquetType.Float, elementNullable: false)), ("lf32n", ParquetType.ListOf(ParquetType.Float)),
        ("lf64", ParquetType.ListOf(ParquetType.Double)), ("li64", ParquetType.ListOf(ParquetType.Int64)),
    ];

    public static ParquetSchema Schema { get; } = new(
        FlatTypes.SelectMany(t => new[] { new ParquetField("n_" + t.Name, t.Type), new ParquetField("r_" + t.Name, t.Type, Nullable: false) })
            .Concat(ListTypes.Select(t => new ParquetField("n_" + t.Name, t.Type)))
            .ToArray());

    public static RecordBatch Batch(int rows, int seed = 11)
    {
        var columns = Schema.Fields.Select(field => Column(field, rows, new Random(seed))).ToArray();
        return new RecordBatch(Schema, columns, rows);
    }

    private static Column Column(ParquetField field, int rows, Random random) => field.Name[2..] switch
    {
        "dec38_wide" => WideDecimals(rows, random, field.Nullable, field.Type.Scale),
        _ when field.Type is { Kind: ParquetTypeKind.Timestamp, Unit: TimeUnit.Nanos } =>
            WholeTicks((Int64Column)SampleColumns.Create(field.Type, rows, random, field.Nullable)),
        _ => SampleColumns.Create(field.Type, rows, random, field.Nullable),
    };

    private static Int64Column WholeTicks(Int64Column nanos) =>
        new(nanos.Values.Select(v => v / TimeSpan.NanosecondsPerTick * TimeSpan.NanosecondsPerTick).ToArray(), nanos.Validity);

    /// <summary>Unscaled values up to ±(10^38 - 1), most beyond System.Decimal's 96 bits.</summary>
    private static DecimalColumn WideDecimals(int rows, Random random, bool nullable, int scale)
    {
        var max = Int128.Parse(new string('9', 38), System.Globalization.CultureInfo.InvariantCulture);
        var unscaled = Enumerable.Range(0, rows)
            .Select(i => i switch { 1 => -max, 2 => max, 3 => Int128.Zero, _ => new Int128(unchecked((ulong)random.NextInt64(-(1L << 60), 1L << 60)), unchecked((ulong)random.NextInt64())) })
            .ToArray();
        var validity = nullable ? Enumerable.Range(0, rows).Select(i => i != 0 && random.Next(7) != 3).ToArray() : null;
        return new DecimalColumn(unscaled, scale, rows, validity);
    }
}
