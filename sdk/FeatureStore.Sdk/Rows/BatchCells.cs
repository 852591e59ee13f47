using FeatureStore.Parquet;

namespace FeatureStore.Sdk.Rows;

/// <summary>
/// One cell of a Parquet record batch as the SDK hands it out: timestamps and dates as UTC <see cref="DateTimeOffset"/>,
/// text as <see cref="string"/>, bytes and float lists as arrays, null for a null cell.
/// </summary>
internal static class BatchCells
{
    public static object? Read(RecordBatch batch, int column, int row)
    {
        var values = batch.Columns[column];
        if (values.IsNull(row))
            return null;
        var type = batch.Schema[column].Type;
        return values switch
        {
            Int64Column t when type.Kind == ParquetTypeKind.Timestamp => new DateTimeOffset(TemporalValues.ToDateTime(t.Values[row], type.Unit)),
            Int32Column d when type.Kind == ParquetTypeKind.Date => new DateTimeOffset(TemporalValues.ToDateOnly(d.Values[row]).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)),
            Int64Column l => l.Values[row],
            Int32Column i => i.Values[row],
            FloatColumn f => f.Values[row],
            DoubleColumn d => d.Values[row],
            BooleanColumn b => b.Values[row],
            BinaryColumn s when type.Kind is ParquetTypeKind.String or ParquetTypeKind.Enum => s.GetString(row),
            BinaryColumn b => b.GetBytes(row).ToArray(),
            ListColumn { Values: FloatColumn elements } list => elements.Values.AsSpan(list.Offsets[row], list.GetListLength(row)).ToArray(),
            ListColumn { Values: DoubleColumn elements } list => elements.Values.AsSpan(list.Offsets[row], list.GetListLength(row)).ToArray(),
            _ => values.GetValue(row),
        };
    }
}
