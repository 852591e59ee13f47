using FeatureStore.Parquet;

namespace FeatureStore.Sdk.Tests.Arrow;

/// <summary>
/// A batch with one column of every Parquet type the Arrow conversion maps, each with a null (except the non-nullable
/// ones) and edge values, plus a status column with all four statuses; and a larger training-set-like batch.
/// </summary>
internal static class ArrowSampleBatch
{
    public const int Rows = 5;

    public static RecordBatch Create()
    {
        var columns = new List<(ParquetField Field, Column Column)>
        {
            (new ParquetField("id", ParquetType.Int64, Nullable: false), new Int64Column([long.MinValue, -1, 0, 42, long.MaxValue])),
            (new ParquetField("flag", ParquetType.Boolean), new BooleanColumn([true, false, false, true, true], Valid(2))),
            (new ParquetField("i8", ParquetType.Int8), new Int32Column([sbyte.MinValue, -1, 0, 7, sbyte.MaxValue], Valid(3))),
            (new ParquetField("i16", ParquetType.Int16), new Int32Column([short.MinValue, -1, 0, 300, short.MaxValue], Valid(3))),
            (new ParquetField("i32", ParquetType.Int32), new Int32Column([int.MinValue, -1, 0, 70_000, int.MaxValue], Valid(3))),
            (new ParquetField("u8", ParquetType.UInt8), new Int32Column([0, 1, 0, 200, byte.MaxValue], Valid(2))),
            (new ParquetField("u16", ParquetType.UInt16), new Int32Column([0, 1, 0, 60_000, ushort.MaxValue], Valid(2))),
            (new ParquetField("u32", ParquetType.UInt32), new Int32Column([0, 1, 0, unchecked((int)3_000_000_000u), -1], Valid(2))),
            (new ParquetField("u64", ParquetType.UInt64), new Int64Column([0, 1, 0, unchecked((long)10_000_000_000_000_000_000ul), -1], Valid(2))),
            (new ParquetField("f32", ParquetType.Float), new FloatColumn([float.NaN, -0f, float.PositiveInfinity, 1.5f, float.MinValue], Valid(4))),
            (new ParquetField("f64", ParquetType.Double), new DoubleColumn([double.NaN, -0d, double.NegativeInfinity, 0.1, double.MaxValue], Valid(0))),
            (new ParquetField("text", ParquetType.String), BinaryColumn.FromStrings(["", "é☃ text", null, "a", "longer text value"])),
            (new ParquetField("kind", ParquetType.Enum), BinaryColumn.FromStrings(["RED", null, "GREEN", "RED", "BLUE"])),
            (new ParquetField("bytes", ParquetType.Binary), BinaryColumn.FromBytes([[], [0, 255], null, [1, 2, 3], [9]])),
            (new ParquetField("uuid", ParquetType.FixedLenBinary(4)), BinaryColumn.FromBytes([[1, 2, 3, 4], null, [0, 0, 0, 0], [255, 254, 253, 252], [5, 6, 7, 8]])),
            (new ParquetField("day", ParquetType.Date), new Int32Column([-719_162, -1, 0, 20_000, 2_932_896], Valid(1))),
            (new ParquetField("t_ms", ParquetType.Time(TimeUnit.Millis)), new Int32Column([0, 1, 86_399_999, 45_296_789, 0], Valid(4))),
            (new ParquetField("t_us", ParquetType.Time(TimeUnit.Micros, isAdjustedToUtc: true)), new Int64Column([0, 1, 86_399_999_999, 45_296_789_012, 0], Valid(4))),
            (new ParquetField("t_ns", ParquetType.Time(TimeUnit.Nanos)), new Int64Column([0, 1, 86_399_999_999_999, 45_296_789_012_345, 0], Valid(4))),
            (new ParquetField("ts_us_utc", ParquetType.Timestamp(TimeUnit.Micros)), new Int64Column([-62_135_596_800_000_000, -1, 0, 1_767_225_600_123_456, 253_402_300_799_999_999], Valid(2))),
            (new ParquetField("ts_ms_naive", ParquetType.Timestamp(TimeUnit.Millis, isAdjustedToUtc: false)), new Int64Column([-1, 0, 1_767_225_600_123, 0, 86_400_000], Valid(3))),
            (new ParquetField("ts_ns_utc", ParquetType.Timestamp(TimeUnit.Nanos)), new Int64Column([-1_000, 0, 1_767_225_600_123_456_000, 0, 5_000], Valid(3))),
            (new ParquetField("price", ParquetType.Decimal(9, 2)), new DecimalColumn([-9_999_999.99m, 0m, 12.5m, 0.01m, 1m], Valid(1))),
            (new ParquetField("amount", ParquetType.Decimal(18, 4)), new DecimalColumn([-1.2345m, 99_999_999_999_999.9999m, 0m, 3m, -0.0001m], Valid(2))),
            (new ParquetField("big", ParquetType.Decimal(38, 10)), new DecimalColumn(
                [Int128.Parse("-99999999999999999999999999999999999999"), 0, Int128.Parse("12345678901234567890123456789012345678"), 1, -1], scale: 10, Rows, Valid(3))),
            (new ParquetField("embedding", ParquetType.ListOf(ParquetType.Float)), WithNullElement(ListColumn.FromFloatArrays([[0.5f, -1f], [], null, [3f, 4f, 5f], [6f]]), element: 1)),
            (new ParquetField("counts", ParquetType.ListOf(ParquetType.Int64, elementNullable: false)), ListColumn.FromInt64Arrays([[long.MaxValue], null, [], [1, 2], [-3]])),
            (new ParquetField("tags", ParquetType.ListOf(ParquetType.String)), StringLists([["a", "bb"], [], null, ["é", null], ["z"]])),
            (new ParquetField("conv_rate__status", ParquetType.String, Nullable: false),
                BinaryColumn.FromStrings(["PRESENT", "MISSING", "OUTSIDE_TTL", "NULL_VALUE", "PRESENT"])),
        };

        return new RecordBatch(new ParquetSchema([.. columns.Select(c => c.Field)]), [.. columns.Select(c => c.Column)], Rows);
    }

    /// <summary>A training-set-like batch of many rows (keys, a timestamp, a rate, statuses) that compresses well.</summary>
    public static RecordBatch TrainingRows(int rows, int firstId)
    {
        var ids = new long[rows];
        var times = new long[rows];
        var rates = new double[rows];
        var rateValid = new bool[rows];
        var statuses = new string?[rows];
        for (var i = 0; i < rows; i++)
        {
            ids[i] = firstId + (i / 10);
            times[i] = 1_767_225_600_000_000 + (i * 1_000_000L);
            rates[i] = (i % 100) / 100.0;
            rateValid[i] = i % 7 != 0;
            statuses[i] = rateValid[i] ? "PRESENT" : i % 2 == 0 ? "MISSING" : "OUTSIDE_TTL";
        }

        var schema = new ParquetSchema(
            new ParquetField("driver_id", ParquetType.Int64, Nullable: false),
            new ParquetField("event_timestamp", ParquetType.Timestamp(TimeUnit.Micros)),
            new ParquetField("conv_rate", ParquetType.Double),
            new ParquetField("conv_rate__status", ParquetType.String, Nullable: false));
        return new RecordBatch(schema, [new Int64Column(ids), new Int64Column(times), new DoubleColumn(rates, rateValid), BinaryColumn.FromStrings(statuses)], rows);
    }

    /// <summary>All rows valid except <paramref name="nullRow"/>.</summary>
    private static bool[] Valid(int nullRow)
    {
        var validity = new bool[Rows];
        Array.Fill(validity, true);
        validity[nullRow] = false;
        return validity;
    }

    private static ListColumn WithNullElement(ListColumn list, int element)
    {
        var values = (FloatColumn)list.Values;
        var validity = new bool[values.Length];
        Array.Fill(validity, true);
        validity[element] = false;
        return new ListColumn(list.Offsets, new FloatColumn(values.Values, values.Length, validity), list.Length, list.Validity);
    }

    private static ListColumn StringLists(IReadOnlyList<string?[]?> rows)
    {
        var offsets = new int[rows.Count + 1];
        var items = new List<string?>();
        var validity = new bool[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            validity[i] = rows[i] is not null;
            items.AddRange(rows[i] ?? []);
            offsets[i + 1] = items.Count;
        }

        return new ListColumn(offsets, BinaryColumn.FromStrings(items), rows.Count, validity);
    }
}
