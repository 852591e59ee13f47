using FeatureStore.Parquet;

namespace FeatureStore.Sdk.Erasure;

/// <summary>Copies the rows of a batch that are not dropped, column by column, values and nulls unchanged.</summary>
internal static class RowFilter
{
    public static RecordBatch Keep(RecordBatch batch, bool[] drop, int kept)
    {
        var columns = new Column[batch.Columns.Count];
        for (var c = 0; c < columns.Length; c++)
            columns[c] = Keep(batch.Columns[c], drop, kept);
        return new RecordBatch(batch.Schema, columns, kept);
    }

    private static Column Keep(Column column, bool[] drop, int kept) => column switch
    {
        Int32Column c => new Int32Column(Values(c.Values, drop, kept), Validity(c, drop, kept)),
        Int64Column c => new Int64Column(Values(c.Values, drop, kept), Validity(c, drop, kept)),
        FloatColumn c => new FloatColumn(Values(c.Values, drop, kept), Validity(c, drop, kept)),
        DoubleColumn c => new DoubleColumn(Values(c.Values, drop, kept), Validity(c, drop, kept)),
        BooleanColumn c => new BooleanColumn(Values(c.Values, drop, kept), Validity(c, drop, kept)),
        DecimalColumn { Unscaled: { } unscaled } c => new DecimalColumn(Values(unscaled, drop, kept), c.Scale, kept, Validity(c, drop, kept)),
        DecimalColumn c => new DecimalColumn(Values(c.Values, drop, kept), Validity(c, drop, kept)),
        BinaryColumn c => KeepBinary(c, drop, kept),
        ListColumn c => KeepList(c, drop, kept),
        _ => throw new ArgumentException($"unknown column type {column.GetType().Name}", nameof(column)),
    };

    private static T[] Values<T>(T[] values, bool[] drop, int kept)
    {
        var result = new T[kept];
        var next = 0;
        for (var row = 0; row < drop.Length; row++)
        {
            if (!drop[row])
                result[next++] = values[row];
        }

        return result;
    }

    private static bool[]? Validity(Column column, bool[] drop, int kept) =>
        column.Validity is { } validity ? Values(validity, drop, kept) : null;

    private static BinaryColumn KeepBinary(BinaryColumn column, bool[] drop, int kept)
    {
        var offsets = new int[kept + 1];
        var size = 0;
        var next = 0;
        for (var row = 0; row < drop.Length; row++)
        {
            if (drop[row])
                continue;
            size += column.Offsets[row + 1] - column.Offsets[row];
            offsets[++next] = size;
        }

        var data = new byte[size];
        next = 0;
        for (var row = 0; row < drop.Length; row++)
        {
            if (drop[row])
                continue;
            var start = column.Offsets[row];
            var length = column.Offsets[row + 1] - start;
            column.Data.AsSpan(start, length).CopyTo(data.AsSpan(offsets[next]));
            next++;
        }

        return new BinaryColumn(offsets, data, kept, Validity(column, drop, kept));
    }

    // A list keeps its element range; the element column is filtered with one drop flag per element.
    private static ListColumn KeepList(ListColumn column, bool[] drop, int kept)
    {
        var elements = column.Offsets[drop.Length] - column.Offsets[0];
        var dropElements = new bool[column.Values.Length];
        var offsets = new int[kept + 1];
        var keptElements = 0;
        var next = 0;
        for (var row = 0; row < drop.Length; row++)
        {
            var start = column.Offsets[row];
            var end = column.Offsets[row + 1];
            if (drop[row])
            {
                dropElements.AsSpan(start, end - start).Fill(true);
                continue;
            }

            keptElements += end - start;
            offsets[++next] = keptElements;
        }

        // Elements outside the rows' ranges (none in batches the reader makes) are dropped too.
        var inRange = new bool[column.Values.Length];
        inRange.AsSpan(column.Offsets[0], elements).Fill(true);
        for (var e = 0; e < dropElements.Length; e++)
            dropElements[e] |= !inRange[e];
        return new ListColumn(offsets, Keep(column.Values, dropElements, keptElements), kept, Validity(column, drop, kept));
    }
}
