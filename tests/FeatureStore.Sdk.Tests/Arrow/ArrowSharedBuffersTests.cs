using Apache.Arrow;
using Apache.Arrow.C;
using FeatureStore.Parquet;
using FeatureStore.Sdk.Arrow;
using Column = FeatureStore.Parquet.Column;
using ParquetRecordBatch = FeatureStore.Parquet.RecordBatch;

namespace FeatureStore.Sdk.Tests.Arrow;

/// <summary>Which Arrow buffers are the columns' own arrays (a write to the array shows in Arrow) and which are copies.</summary>
public sealed class ArrowSharedBuffersTests
{
    [Fact]
    public void Fixed_width_values_offsets_and_string_bytes_are_shared_with_the_columns()
    {
        var ids = new long[] { 1, 2, 3 };
        var rates = new double[] { 0.5, 0.25, 0.125 };
        var days = new int[] { 10, 20, 30 };
        var names = BinaryColumn.FromStrings(["ab", "cd", "ef"]);
        var embeddings = ListColumn.FromFloatArrays([[1f], [2f, 3f], []]);
        var arrow = ArrowBatches.ToArrow(Batch(
            (new ParquetField("id", ParquetType.Int64), new Int64Column(ids, [true, false, true])),
            (new ParquetField("rate", ParquetType.Double), new DoubleColumn(rates)),
            (new ParquetField("day", ParquetType.Date), new Int32Column(days)),
            (new ParquetField("name", ParquetType.String), names),
            (new ParquetField("embedding", ParquetType.ListOf(ParquetType.Float)), embeddings)));

        ids[2] = 33;
        rates[0] = 5;
        days[1] = 21;
        names.Data[0] = (byte)'X';
        ((FloatColumn)embeddings.Values).Values[1] = 20f;

        Assert.Equal(33, ((Int64Array)arrow.Column("id")).GetValue(2));
        Assert.Null(((Int64Array)arrow.Column("id")).GetValue(1));
        Assert.Equal(5, ((DoubleArray)arrow.Column("rate")).GetValue(0));
        Assert.Equal(21, ((Date32Array)arrow.Column("day")).Values[1]);
        Assert.Equal("Xb", ((StringArray)arrow.Column("name")).GetString(0));
        Assert.Equal(20f, ((FloatArray)((ListArray)arrow.Column("embedding")).Values).GetValue(1));
    }

    [Fact]
    public void Booleans_and_narrow_integers_are_copies()
    {
        var flags = new[] { true, false };
        var small = new[] { 1, 2 };
        var arrow = ArrowBatches.ToArrow(Batch(
            (new ParquetField("flag", ParquetType.Boolean), new BooleanColumn(flags)),
            (new ParquetField("small", ParquetType.Int8), new Int32Column(small))));

        flags[0] = false;
        small[0] = 9;

        Assert.True(((BooleanArray)arrow.Column("flag")).GetValue(0));
        Assert.Equal((sbyte)1, ((Int8Array)arrow.Column("small")).GetValue(0));
    }

    [Fact]
    public unsafe void Shared_buffers_cross_the_C_data_interface_pinned_not_copied()
    {
        var ids = new long[] { 1, 2, 3 };
        var arrow = ArrowBatches.ToArrow(Batch(
            (new ParquetField("id", ParquetType.Int64), new Int64Column(ids)),
            (new ParquetField("name", ParquetType.String), BinaryColumn.FromStrings(["a", "bb", null]))));
        var cSchema = CArrowSchema.Create();
        var cArray = CArrowArray.Create();
        try
        {
            CArrowSchemaExporter.ExportSchema(arrow.Schema, cSchema);
            CArrowArrayExporter.ExportRecordBatch(arrow, cArray);
            var schema = CArrowSchemaImporter.ImportSchema(cSchema);
            using var imported = CArrowArrayImporter.ImportRecordBatch(cArray, schema);

            ids[1] = 99;

            Assert.Equal([1L, 99, 3], ((Int64Array)imported.Column(0)).Values.ToArray());
            Assert.Equal("bb", ((StringArray)imported.Column(1)).GetString(1));
            Assert.True(imported.Column(1).IsNull(2));
        }
        finally
        {
            CArrowArray.Free(cArray);
            CArrowSchema.Free(cSchema);
        }
    }

    private static ParquetRecordBatch Batch(params (ParquetField Field, Column Column)[] columns) =>
        new(new ParquetSchema([.. columns.Select(c => c.Field)]), [.. columns.Select(c => c.Column)], columns[0].Column.Length);
}
