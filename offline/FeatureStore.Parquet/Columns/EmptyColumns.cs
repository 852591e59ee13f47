namespace FeatureStore.Parquet;

/// <summary>Zero-row columns of the class a type reads into (for files or datasets without rows).</summary>
internal static class EmptyColumns
{
    public static Column For(ParquetType type) => type.Kind switch
    {
        ParquetTypeKind.Boolean => new BooleanColumn([]),
        ParquetTypeKind.Int8 or ParquetTypeKind.Int16 or ParquetTypeKind.Int32 or ParquetTypeKind.UInt8
            or ParquetTypeKind.UInt16 or ParquetTypeKind.UInt32 or ParquetTypeKind.Date => new Int32Column([]),
        ParquetTypeKind.Time when type.Unit == TimeUnit.Millis => new Int32Column([]),
        ParquetTypeKind.Int64 or ParquetTypeKind.UInt64 or ParquetTypeKind.Timestamp or ParquetTypeKind.Time => new Int64Column([]),
        ParquetTypeKind.Float => new FloatColumn([]),
        ParquetTypeKind.Double => new DoubleColumn([]),
        ParquetTypeKind.Decimal => new DecimalColumn([]),
        ParquetTypeKind.List => new ListColumn([0], For(type.Element!), 0),
        _ => new BinaryColumn([0], [], 0),
    };

    public static RecordBatch Batch(ParquetSchema schema)
    {
        var columns = new Column[schema.Count];
        for (var i = 0; i < columns.Length; i++)
        {
            columns[i] = For(schema[i].Type);
        }

        return new RecordBatch(schema, columns, 0);
    }
}
