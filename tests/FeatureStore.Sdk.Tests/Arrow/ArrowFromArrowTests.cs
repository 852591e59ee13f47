using Apache.Arrow;
using Apache.Arrow.Types;
using FeatureStore.Parquet;
using FeatureStore.Sdk.Arrow;
using ArrowRecordBatch = Apache.Arrow.RecordBatch;
using Column = FeatureStore.Parquet.Column;
using ArrowTimeUnit = Apache.Arrow.Types.TimeUnit;
using ParquetTimeUnit = FeatureStore.Parquet.TimeUnit;

namespace FeatureStore.Sdk.Tests.Arrow;

/// <summary>Spines and other batches made by Arrow producers (pyarrow, Polars, Spark) read into the project's columns.</summary>
public sealed class ArrowFromArrowTests
{
    [Fact]
    public void Timestamps_of_every_unit_and_zone_become_utc_microseconds()
    {
        var batch = ArrowBatches.FromArrow(Batch(
            ("s_new_york", Int64Data(new TimestampType(ArrowTimeUnit.Second, "America/New_York"), 1_767_225_600, null, -1)),
            ("ms_offset", Int64Data(new TimestampType(ArrowTimeUnit.Millisecond, "+05:30"), 1_767_225_600_123, null, -1)),
            ("us_naive", Int64Data(new TimestampType(ArrowTimeUnit.Microsecond, (string?)null), 1_767_225_600_123_456, null, -1)),
            ("ns_utc", Int64Data(new TimestampType(ArrowTimeUnit.Nanosecond, "UTC"), 1_767_225_600_123_456_789, null, -1))));

        foreach (var field in batch.Schema.Fields)
        {
            Assert.Equal(ParquetType.Timestamp(ParquetTimeUnit.Micros, isAdjustedToUtc: true), field.Type);
            Assert.True(batch[field.Name].IsNull(1));
        }

        Assert.Equal([1_767_225_600_000_000, 0, -1_000_000], Values(batch["s_new_york"]));
        Assert.Equal([1_767_225_600_123_000, 0, -1_000], Values(batch["ms_offset"]));
        Assert.Equal([1_767_225_600_123_456, 0, -1], Values(batch["us_naive"]));
        Assert.Equal([1_767_225_600_123_456, 0, -1], Values(batch["ns_utc"]));
    }

    [Fact]
    public void Nanoseconds_are_rounded_down_to_the_microsecond_before_and_after_1970()
    {
        var batch = ArrowBatches.FromArrow(Batch(("t", Int64Data(new TimestampType(ArrowTimeUnit.Nanosecond, "UTC"), -1, -1_000, -1_001, 999, 1_000))));

        Assert.Equal([-1, -1, -2, 0, 1], Values(batch["t"]));
    }

    [Fact]
    public void A_timestamp_beyond_the_microsecond_range_is_refused_naming_column_and_row_but_a_null_slot_is_not_read()
    {
        var type = new TimestampType(ArrowTimeUnit.Second, "UTC");
        var nullSlotHoldsGarbage = Int64Data(type, [0, long.MaxValue], [true, false]);
        Assert.True(ArrowBatches.FromArrow(Batch(("event_ts", nullSlotHoldsGarbage)))["event_ts"].IsNull(1));

        var error = Assert.Throws<ArgumentException>(() => ArrowBatches.FromArrow(Batch(("event_ts", Int64Data(type, 0, long.MaxValue / 10)))));

        Assert.Equal($"column 'event_ts' row 1: timestamp[s, tz=UTC] value {long.MaxValue / 10} is out of range for the feature store's units", error.Message);
    }

    [Fact]
    public void Integer_and_string_keys_of_every_string_layout_are_read_with_their_nulls()
    {
        var batch = ArrowBatches.FromArrow(Batch(
            ("k32", new Int32Array.Builder().Append(7).AppendNull().Append(int.MinValue).Build()),
            ("k64", new Int64Array.Builder().Append(long.MaxValue).Append(-5).AppendNull().Build()),
            ("utf8", new StringArray.Builder().Append("a").AppendNull().Append("é☃").Build()),
            ("large", new LargeStringArray.Builder().Append("").Append("bb").AppendNull().Build()),
            ("view", new StringViewArray.Builder().Append("a string longer than twelve bytes").AppendNull().Append("short").Build()),
            ("u64", new UInt64Array.Builder().Append(ulong.MaxValue).Append(0).AppendNull().Build()),
            ("u8", new UInt8Array.Builder().Append(255).Append(0).AppendNull().Build())));

        Assert.Equal(
            [ParquetType.Int32, ParquetType.Int64, ParquetType.String, ParquetType.String, ParquetType.String, ParquetType.UInt64, ParquetType.UInt8],
            batch.Schema.Fields.Select(f => f.Type));
        Assert.Equal(new object?[] { 7, null, int.MinValue }, Cells(batch["k32"]));
        Assert.Equal(new object?[] { long.MaxValue, -5L, null }, Cells(batch["k64"]));
        Assert.Equal(new string?[] { "a", null, "é☃" }, Strings(batch["utf8"]));
        Assert.Equal(new string?[] { "", "bb", null }, Strings(batch["large"]));
        Assert.Equal(new string?[] { "a string longer than twelve bytes", null, "short" }, Strings(batch["view"]));
        Assert.Equal(new object?[] { -1L, 0L, null }, Cells(batch["u64"]));
        Assert.Equal(new object?[] { 255, 0, null }, Cells(batch["u8"]));
    }

    [Fact]
    public void Dictionary_encoded_strings_are_decoded_with_null_indices_and_null_dictionary_values()
    {
        var indices = new Int32Array.Builder().Append(2).Append(0).AppendNull().Append(1).Append(2).Build();
        var dictionary = new StringArray.Builder().Append("PRESENT").AppendNull().Append("MISSING").Build();
        var column = new DictionaryArray(new DictionaryType(Int32Type.Default, StringType.Default, false), indices, dictionary);

        var batch = ArrowBatches.FromArrow(Batch(("city", column)));

        Assert.Equal(ParquetType.String, batch.Schema["city"].Type);
        Assert.Equal(new string?[] { "MISSING", "PRESENT", null, null, "MISSING" }, Strings(batch["city"]));
    }

    [Fact]
    public void A_dictionary_index_outside_the_dictionary_is_refused()
    {
        var indices = new Int8Array.Builder().Append(0).Append(5).Build();
        var dictionary = new StringArray.Builder().Append("a").Build();
        var column = new DictionaryArray(new DictionaryType(Int8Type.Default, StringType.Default, false), indices, dictionary);

        var error = Assert.Throws<ArgumentException>(() => ArrowBatches.FromArrow(Batch(("city", column))));

        Assert.Equal("column 'city' row 1: dictionary index 5 is outside the dictionary's 1 values", error.Message);
    }

    [Fact]
    public void A_sliced_batch_reads_only_its_rows()
    {
        var status = new DictionaryArray(ArrowStatusColumns.Type,
            new Int8Array.Builder().Append(0).Append(1).Append(2).Append(3).Build(),
            new StringArray.Builder().AppendRange(ArrowStatusColumns.Dictionary).Build());
        var lists = new ListArray.Builder(DoubleType.Default);
        var items = (DoubleArray.Builder)lists.ValueBuilder;
        lists.Append();
        items.Append(1);
        lists.Append();
        items.Append(2).Append(3);
        lists.AppendNull();
        lists.Append();
        items.Append(4);
        var full = Batch(
            ("id", new Int64Array.Builder().AppendRange([10, 11, 12, 13]).Build()),
            ("name", new StringArray.Builder().Append("a").Append("bb").AppendNull().Append("dddd").Build()),
            ("flag", new BooleanArray.Builder().Append(true).Append(false).Append(true).AppendNull().Build()),
            ("status", status),
            ("values", lists.Build()));

        var batch = ArrowBatches.FromArrow(full.Slice(1, 3));

        Assert.Equal(3, batch.RowCount);
        Assert.Equal(new object?[] { 11L, 12L, 13L }, Cells(batch["id"]));
        Assert.Equal(new string?[] { "bb", null, "dddd" }, Strings(batch["name"]));
        Assert.Equal(new object?[] { false, true, null }, Cells(batch["flag"]));
        Assert.Equal(new string?[] { "MISSING", "OUTSIDE_TTL", "NULL_VALUE" }, Strings(batch["status"]));
        var values = (ListColumn)batch["values"];
        Assert.Equal([0, 2, 2, 3], values.Offsets);
        Assert.Equal([2d, 3d, 4d], ((DoubleColumn)values.Values).Span.ToArray());
        Assert.True(values.IsNull(1));
    }

    [Fact]
    public void Null_lists_lose_the_elements_arrow_allows_them_to_keep()
    {
        var fixedSize = new FixedSizeListArray.Builder(FloatType.Default, 2);
        var floats = (FloatArray.Builder)fixedSize.ValueBuilder;
        fixedSize.Append();
        floats.Append(1).Append(2);
        fixedSize.AppendNull();
        fixedSize.Append();
        floats.Append(3).AppendNull();

        // A null row whose slot still spans one element, as Arrow permits.
        var children = new DoubleArray.Builder().AppendRange([1, 2, 3, 4]).Build();
        var offsets = new ArrowBuffer.Builder<int>().AppendRange([0, 1, 3, 4]).Build();
        var validity = new ArrowBuffer.BitmapBuilder().Append(true).Append(false).Append(true).Build();
        var list = new ListArray(new ArrayData(new ListType(DoubleType.Default), 3, 1, 0, [validity, offsets], [children.Data]));

        var batch = ArrowBatches.FromArrow(Batch(("embedding", fixedSize.Build()), ("history", list)));

        var embedding = (ListColumn)batch["embedding"];
        Assert.Equal(ParquetType.ListOf(ParquetType.Float), batch.Schema["embedding"].Type);
        Assert.Equal([0, 2, 2, 4], embedding.Offsets);
        Assert.Equal(new object?[] { 1f, 2f, 3f, null }, Cells(embedding.Values));
        Assert.True(embedding.IsNull(1));
        var history = (ListColumn)batch["history"];
        Assert.Equal([0, 1, 1, 2], history.Offsets);
        Assert.Equal([1d, 4d], ((DoubleColumn)history.Values).Span.ToArray());
    }

    [Fact]
    public void Decimals_of_32_64_and_128_bits_keep_precision_and_scale()
    {
        var batch = ArrowBatches.FromArrow(Batch(
            ("d32", new Decimal32Array.Builder(new Decimal32Type(9, 2)).Append(-1234567.89m).AppendNull().Build()),
            ("d64", new Decimal64Array.Builder(new Decimal64Type(18, 4)).Append(12.5m).Append(-0.0001m).Build()),
            ("d128", new Decimal128Array.Builder(new Decimal128Type(38, 0)).Append("-99999999999999999999999999999999999999").Append("7").Build())));

        Assert.Equal([ParquetType.Decimal(9, 2), ParquetType.Decimal(18, 4), ParquetType.Decimal(38, 0)], batch.Schema.Fields.Select(f => f.Type));
        Assert.Equal(-1234567.89m, ((DecimalColumn)batch["d32"]).Values[0]);
        Assert.True(batch["d32"].IsNull(1));
        Assert.Equal([12.5m, -0.0001m], ((DecimalColumn)batch["d64"]).Span.ToArray());
        Assert.Equal("-99999999999999999999999999999999999999", ((DecimalColumn)batch["d128"]).GetString(0));
        Assert.Equal("7", ((DecimalColumn)batch["d128"]).GetString(1));
    }

    [Fact]
    public void Dates_times_and_half_floats_convert_to_the_project_units()
    {
        var batch = ArrowBatches.FromArrow(Batch(
            ("date64", Int64Data(Date64Type.Default, 3 * 86_400_000L, -1, null)),
            ("time_s", Int32Data(new Time32Type(ArrowTimeUnit.Second), 45_296, 0, null)),
            ("half", new HalfFloatArray.Builder().Append((Half)1.5).Append((Half)(-2)).AppendNull().Build())));

        Assert.Equal(ParquetType.Date, batch.Schema["date64"].Type);
        Assert.Equal(new object?[] { 3, -1, null }, Cells(batch["date64"]));
        Assert.Equal(ParquetType.Time(ParquetTimeUnit.Millis), batch.Schema["time_s"].Type);
        Assert.Equal(new object?[] { 45_296_000, 0, null }, Cells(batch["time_s"]));
        Assert.Equal(ParquetType.Float, batch.Schema["half"].Type);
        Assert.Equal(new object?[] { 1.5f, -2f, null }, Cells(batch["half"]));
    }

    [Fact]
    public void Unsupported_types_are_refused_naming_the_column_and_the_type()
    {
        var structs = new StructArray(new StructType([new Field("a", Int32Type.Default, true)]), 1,
            [new Int32Array.Builder().Append(1).Build()], ArrowBuffer.Empty);
        var nested = new ListArray.Builder(new ListType(Int32Type.Default)).Build();

        Assert.Equal(
            "column 'address' has Arrow type struct<a: int32>, which the feature store cannot read (supported: integers, floats, bool, strings, " +
            "binary, decimals up to 38 digits, dates, times, timestamps, dictionary-encoded strings, lists of these)",
            Assert.Throws<ArgumentException>(() => ArrowBatches.FromArrow(Batch(("address", structs)))).Message);
        Assert.StartsWith("column 'wide' has Arrow type decimal256(50, 2),",
            Assert.Throws<ArgumentException>(() => ArrowBatches.FromArrow(Batch(("wide", new Decimal256Array.Builder(new Decimal256Type(50, 2)).Append(1m).Build())))).Message,
            StringComparison.Ordinal);
        Assert.StartsWith("column 'wait' has Arrow type duration[ms],",
            Assert.Throws<ArgumentException>(() => ArrowBatches.FromArrow(Batch(("wait", Int64Data(DurationType.Millisecond, 5))))).Message, StringComparison.Ordinal);
        Assert.Equal("column 'matrix' has Arrow type list<item: list<item: int32>>: lists of lists are not supported",
            Assert.Throws<ArgumentException>(() => ArrowBatches.FromArrow(Batch(("matrix", nested)))).Message);
    }

    [Fact]
    public void An_array_that_disagrees_with_its_schema_field_is_refused()
    {
        var schema = new Schema.Builder().Field(new Field("id", Int64Type.Default, true)).Build();
        var batch = new ArrowRecordBatch(schema, [new Int32Array.Builder().Append(1).Build()], 1);

        var error = Assert.Throws<ArgumentException>(() => ArrowBatches.FromArrow(batch));

        Assert.Equal("column 'id' is declared int64 but its array is int32 with 1 of the batch's 1 rows", error.Message);
    }

    private static ArrowRecordBatch Batch(params (string Name, IArrowArray Array)[] columns)
    {
        var schema = new Schema.Builder();
        foreach (var (name, array) in columns)
        {
            schema.Field(new Field(name, array.Data.DataType, nullable: true));
        }

        return new ArrowRecordBatch(schema.Build(), columns.Select(c => c.Array), columns[0].Array.Length);
    }

    private static IArrowArray Int64Data(IArrowType type, params long?[] values) =>
        Int64Data(type, [.. values.Select(v => v ?? 0)], [.. values.Select(v => v.HasValue)]);

    private static IArrowArray Int64Data(IArrowType type, long[] values, bool[] valid)
    {
        var bitmap = new ArrowBuffer.BitmapBuilder().AppendRange(valid).Build();
        var data = new ArrowBuffer.Builder<long>().AppendRange(values).Build();
        return ArrowArrayFactory.BuildArray(new ArrayData(type, values.Length, valid.Count(v => !v), 0, [bitmap, data]));
    }

    private static IArrowArray Int32Data(IArrowType type, params int?[] values)
    {
        var bitmap = new ArrowBuffer.BitmapBuilder().AppendRange(values.Select(v => v.HasValue)).Build();
        var data = new ArrowBuffer.Builder<int>().AppendRange(values.Select(v => v ?? 0)).Build();
        return ArrowArrayFactory.BuildArray(new ArrayData(type, values.Length, values.Count(v => !v.HasValue), 0, [bitmap, data]));
    }

    private static long[] Values(Column column) => ((Int64Column)column).Span.ToArray();

    private static object?[] Cells(Column column) => [.. Enumerable.Range(0, column.Length).Select(column.GetValue)];

    private static IEnumerable<string?> Strings(Column column) => Enumerable.Range(0, column.Length).Select(((BinaryColumn)column).GetString);
}
