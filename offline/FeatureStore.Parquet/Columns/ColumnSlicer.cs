namespace FeatureStore.Parquet;

/// <summary>Copies a row range of a column into a new column.</summary>
internal static class ColumnSlicer
{
    public static Column Slice(Column column, int start, int length) => column switch
    {
        Int32Column c => new Int32Column(c.Values.AsSpan(start, length).ToArray(), SliceValidity(c, start, length)),
        Int64Column c => new Int64Column(c.Values.AsSpan(start, length).ToArray(), SliceValidity(c, start, length)),
        FloatColumn c => new FloatColumn(c.Values.AsSpan(start, length).ToArray(), SliceValidity(c, start, length)),
        DoubleColumn c => new DoubleColumn(c.Values.AsSpan(start, length).ToArray(), SliceValidity(c, start, length)),
        BooleanColumn c => new BooleanColumn(c.Values.AsSpan(start, length).ToArray(), SliceValidity(c, start, length)),
        DecimalColumn { Unscaled: { } unscaled } c => new DecimalColumn(unscaled.AsSpan(start, length).ToArray(), c.Scale, length, SliceValidity(c, start, length)),
        DecimalColumn c => new DecimalColumn(c.Values.AsSpan(start, length).ToArray(), SliceValidity(c, start, length)),
        BinaryColumn c => SliceBinary(c, start, length),
        ListColumn c => SliceList(c, start, length),
        _ => throw new ArgumentException($"unknown column type {column.GetType().Name}", nameof(column)),
    };

    public static RecordBatch Slice(RecordBatch batch, int start, int length)
    {
        var columns = new Column[batch.Columns.Count];
        for (var i = 0; i < columns.Length; i++)
        {
            columns[i] = Slice(batch.Columns[i], start, length);
        }

        return new RecordBatch(batch.Schema, columns, length);
    }

    private static bool[]? SliceValidity(Column column, int start, int length) =>
        column.Validity?.AsSpan(start, length).ToArray();

    private static BinaryColumn SliceBinary(BinaryColumn c, int start, int length)
    {
        var first = c.Offsets[start];
        var offsets = new int[length + 1];
        for (var i = 0; i <= length; i++)
        {
            offsets[i] = c.Offsets[start + i] - first;
        }

        var data = c.Data.AsSpan(first, offsets[length]).ToArray();
        return new BinaryColumn(offsets, data, length, SliceValidity(c, start, length));
    }

    private static ListColumn SliceList(ListColumn c, int start, int length)
    {
        var first = c.Offsets[start];
        var offsets = new int[length + 1];
        for (var i = 0; i <= length; i++)
        {
            offsets[i] = c.Offsets[start + i] - first;
        }

        var values = Slice(c.Values, first, offsets[length]);
        return new ListColumn(offsets, values, length, SliceValidity(c, start, length));
    }
}
