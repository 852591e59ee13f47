using Apache.Arrow;
using Apache.Arrow.Arrays;
using Apache.Arrow.Types;
using FeatureStore.Parquet;
using FeatureStore.Parquet.Tests.Interop;
using FeatureStore.Sdk.Arrow;
using ArrowTimeUnit = Apache.Arrow.Types.TimeUnit;
using ParquetTimeUnit = FeatureStore.Parquet.TimeUnit;
using RecordBatch = FeatureStore.Parquet.RecordBatch;

namespace FeatureStore.Sdk.Tests.Arrow;

public sealed class ArrowRoundTripTests
{
    [Fact]
    public void Every_parquet_type_maps_to_its_arrow_type()
    {
        var schema = ArrowBatches.ToArrowSchema(ArrowSampleBatch.Create().Schema);

        var expected = new Dictionary<string, string>
        {
            ["id"] = "int64 not null", ["flag"] = "bool", ["i8"] = "int8", ["i16"] = "int16", ["i32"] = "int32",
            ["u8"] = "uint8", ["u16"] = "uint16", ["u32"] = "uint32", ["u64"] = "uint64", ["f32"] = "float", ["f64"] = "double",
            ["text"] = "utf8", ["kind"] = "utf8", ["bytes"] = "binary", ["uuid"] = "fixed_size_binary[4]", ["day"] = "date32",
            ["t_ms"] = "time32[ms]", ["t_us"] = "time64[us]", ["t_ns"] = "time64[ns]",
            ["ts_us_utc"] = "timestamp[us, tz=UTC]", ["ts_ms_naive"] = "timestamp[ms]", ["ts_ns_utc"] = "timestamp[ns, tz=UTC]",
            ["price"] = "decimal128(9, 2)", ["amount"] = "decimal128(18, 4)", ["big"] = "decimal128(38, 10)",
            ["embedding"] = "list<item: float>", ["counts"] = "list<item: int64 not null>", ["tags"] = "list<item: utf8>",
            ["conv_rate__status"] = "dictionary<utf8, int8> not null",
        };
        Assert.Equal(expected.Keys, schema.FieldsList.Select(f => f.Name));
        foreach (var field in schema.FieldsList)
        {
            Assert.Equal(expected[field.Name], Describe(field));
        }
    }

    [Fact]
    public void ToArrow_then_FromArrow_gives_every_cell_back()
    {
        var original = ArrowSampleBatch.Create();

        var arrow = ArrowBatches.ToArrow(original);
        var back = ArrowBatches.FromArrow(arrow);

        Assert.Equal(ArrowSampleBatch.Rows, arrow.Length);
        Assert.Equal(original.RowCount, back.RowCount);
        Assert.Equal(original.Schema.Fields.Select(f => f.Name), back.Schema.Fields.Select(f => f.Name));
        for (var c = 0; c < original.Columns.Count; c++)
        {
            for (var row = 0; row < original.RowCount; row++)
            {
                var expected = CanonicalJson.Normalize(CanonicalJson.Value(original.Columns[c], original.Schema[c].Type, row));
                var actual = CanonicalJson.Normalize(CanonicalJson.Value(back.Columns[c], back.Schema[c].Type, row));
                Assert.True(expected == actual, $"column {original.Schema[c].Name} row {row}: expected {expected}, got {actual}");
            }

            Assert.Equal(original.Columns[c].NullCount, back.Columns[c].NullCount);
        }
    }

    [Fact]
    public void FromArrow_gives_the_project_types_timestamps_as_utc_microseconds()
    {
        var back = ArrowBatches.FromArrow(ArrowBatches.ToArrow(ArrowSampleBatch.Create())).Schema;

        var utcMicros = ParquetType.Timestamp(ParquetTimeUnit.Micros, isAdjustedToUtc: true);
        Assert.Equal(utcMicros, back["ts_us_utc"].Type);
        Assert.Equal(utcMicros, back["ts_ms_naive"].Type);
        Assert.Equal(utcMicros, back["ts_ns_utc"].Type);
        Assert.Equal(ParquetType.String, back["kind"].Type);
        Assert.Equal(ParquetType.String, back["conv_rate__status"].Type);
        Assert.False(back["conv_rate__status"].Nullable);
        Assert.False(back["id"].Nullable);
        Assert.Equal(ParquetType.Time(ParquetTimeUnit.Micros, isAdjustedToUtc: false), back["t_us"].Type);
        Assert.Equal(ParquetType.Decimal(38, 10), back["big"].Type);
        Assert.Equal(ParquetType.ListOf(ParquetType.Int64, elementNullable: false), back["counts"].Type);
        Assert.Equal(ParquetType.FixedLenBinary(4), back["uuid"].Type);
    }

    [Fact]
    public void Arrow_arrays_hold_the_values_and_nulls_of_the_columns()
    {
        var arrow = ArrowBatches.ToArrow(ArrowSampleBatch.Create());

        var flags = (BooleanArray)arrow.Column("flag");
        Assert.Equal([true, false, null, true, true], Enumerable.Range(0, 5).Select(i => flags.GetValue(i)));
        Assert.Equal(1, flags.NullCount);
        Assert.Equal(3_000_000_000u, ((UInt32Array)arrow.Column("u32")).GetValue(3));
        Assert.Equal(ulong.MaxValue, ((UInt64Array)arrow.Column("u64")).GetValue(4));
        Assert.Equal((sbyte)-128, ((Int8Array)arrow.Column("i8")).GetValue(0));
        Assert.Null(((Int8Array)arrow.Column("i8")).GetValue(3));
        Assert.Equal("-9999999.99", ((Decimal128Array)arrow.Column("price")).GetString(0));
        Assert.Equal("-9999999999999999999999999999.9999999999", ((Decimal128Array)arrow.Column("big")).GetString(0));
        Assert.Equal("1234567890123456789012345678.9012345678", ((Decimal128Array)arrow.Column("big")).GetString(2));
        Assert.Equal("é☃ text", ((StringArray)arrow.Column("text")).GetString(1));
        Assert.Null(((StringArray)arrow.Column("text")).GetString(2));
        Assert.Equal([255, 254, 253, 252], ((FixedSizeBinaryArray)arrow.Column("uuid")).GetBytes(3).ToArray());
        Assert.Equal(1_767_225_600_123_456L, ((TimestampArray)arrow.Column("ts_us_utc")).GetValue(3));

        var status = (DictionaryArray)arrow.Column("conv_rate__status");
        var dictionary = (StringArray)status.Dictionary;
        Assert.Equal(["PRESENT", "MISSING", "OUTSIDE_TTL", "NULL_VALUE"], Enumerable.Range(0, dictionary.Length).Select(i => dictionary.GetString(i)));
        Assert.Equal([0, 1, 2, 3, 0], ((Int8Array)status.Indices).Values.ToArray().Select(i => (int)i));

        var embedding = (ListArray)arrow.Column("embedding");
        Assert.Equal([0, 2, 2, 2, 5, 6], embedding.ValueOffsets.ToArray());
        Assert.True(embedding.IsNull(2));
        Assert.True(embedding.Values.IsNull(1));
        Assert.Equal(5f, ((FloatArray)embedding.Values).GetValue(4));
    }

    [Fact]
    public void A_status_column_with_another_value_is_refused_naming_column_row_and_value()
    {
        var schema = new ParquetSchema(new ParquetField("city__status", ParquetType.String));
        var batch = new RecordBatch(schema, [BinaryColumn.FromStrings(["PRESENT", "present"])], 2);

        var error = Assert.Throws<ArgumentException>(() => ArrowBatches.ToArrow(batch));

        Assert.Contains("column 'city__status' row 1 holds 'present'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_nullable_column_holding_nulls_is_refused()
    {
        var schema = new ParquetSchema(new ParquetField("driver_id", ParquetType.Int64, Nullable: false));
        var batch = new RecordBatch(schema, [new Int64Column([1, 2], [true, false])], 2);

        var error = Assert.Throws<ArgumentException>(() => ArrowBatches.ToArrow(batch));

        Assert.Equal("column 'driver_id' is not nullable but holds 1 nulls", error.Message);
    }

    [Fact]
    public void A_decimal_too_wide_for_its_type_is_refused_naming_the_column()
    {
        var schema = new ParquetSchema(new ParquetField("price", ParquetType.Decimal(4, 2)));
        var batch = new RecordBatch(schema, [new DecimalColumn([1.25m, 123.4m, 0.125m])], 3);

        var error = Assert.Throws<ArgumentException>(() => ArrowBatches.ToArrow(batch));

        Assert.Equal("column 'price' row 1: 123.4 does not fit Decimal(4,2)", error.Message);
    }

    [Fact]
    public void A_column_of_the_wrong_class_is_refused_naming_the_column()
    {
        var schema = new ParquetSchema(new ParquetField("rate", ParquetType.Double));
        var batch = new RecordBatch(schema, [new FloatColumn([1f])], 1);

        var error = Assert.Throws<ArgumentException>(() => ArrowBatches.ToArrow(batch));

        Assert.Equal("column 'rate' of type Double needs a DoubleColumn, got a FloatColumn", error.Message);
    }

    private static string Describe(Field field) => Describe(field.DataType) + (field.IsNullable ? string.Empty : " not null");

    private static string Describe(IArrowType type) => type switch
    {
        TimestampType t => string.IsNullOrEmpty(t.Timezone) ? $"timestamp[{Unit(t.Unit)}]" : $"timestamp[{Unit(t.Unit)}, tz={t.Timezone}]",
        Time32Type t => $"time32[{Unit(t.Unit)}]",
        Time64Type t => $"time64[{Unit(t.Unit)}]",
        Decimal128Type d => $"decimal128({d.Precision}, {d.Scale})",
        FixedSizeBinaryType f => $"fixed_size_binary[{f.ByteWidth}]",
        ListType l => $"list<{l.ValueField.Name}: {Describe(l.ValueField)}>",
        DictionaryType d => $"dictionary<{Describe(d.ValueType)}, {Describe(d.IndexType)}>" + (d.Ordered ? " ordered" : string.Empty),
        _ => type.Name,
    };

    private static string Unit(ArrowTimeUnit unit) => unit switch
    {
        ArrowTimeUnit.Second => "s",
        ArrowTimeUnit.Millisecond => "ms",
        ArrowTimeUnit.Microsecond => "us",
        _ => "ns",
    };
}
