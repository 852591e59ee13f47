using FeatureStore.Parquet;

namespace FeatureStore.Offline;

/// <summary>Copies a row range of any column type (spine columns are passed through in slices of the output).</summary>
internal static class ColumnSlicer
{
    public static Column Slice(Column column, int start, int count)
    {
        if (start == 0 && count == column.Length)
        {
            return column;
        }

        var validity = column.Validity?.AsSpan(start, count).ToArray();
        return column switch
        {
            Int32Column c => new Int32Column(c.Values.AsSpan(start, count).ToArray(), validity),
            Int64Column c => new Int64Column(c.Values.AsSpan(start, count).ToArray(), validity),
            FloatColumn c => new FloatColumn(c.Values.AsSpan(start, count).ToArray(), validity),
            DoubleColumn c => new DoubleColumn(c.Values.AsSpan(start, count).ToArray(), validity),
            BooleanColumn c => new BooleanColumn(c.Values.AsSpan(start, count).ToArray(), validity),
            DecimalColumn { Unscaled: { } unscaled } c => new DecimalColumn(unscaled.AsSpan(start, count).ToArray(), c.Scale, count, validity),
            DecimalColumn c => new DecimalColumn(c.Values.AsSpan(start, count).ToArray(), validity),
            BinaryColumn c => SliceBinary(c, start, count, validity),
            ListColumn c => SliceList(c, start, count, validity),
            _ => throw new NotSupportedException($"cannot pass through a {column.GetType().Name} spine column"),
        };
    }

    private static BinaryColumn SliceBinary(BinaryColumn column, int start, int count, bool[]? validity)
    {
        var first = column.Offsets[start];
        var offsets = new int[count + 1];
        for (var i = 0; i <= count; i++)
        {
            offsets[i] = column.Offsets[start + i] - first;
        }

        return new BinaryColumn(offsets, column.Data.AsSpan(first, offsets[count]).ToArray(), count, validity);
    }

    private static ListColumn SliceList(ListColumn column, int start, int count, bool[]? validity)
    {
        var first = column.Offsets[start];
        var offsets = new int[count + 1];
        for (var i = 0; i <= count; i++)
        {
            offsets[i] = column.Offsets[start + i] - first;
        }

        return new ListColumn(offsets, Slice(column.Values, first, offsets[count]), count, validity);
    }
}
