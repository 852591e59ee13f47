namespace FeatureStore.Parquet.Writing;

/// <summary>Checks a batch against the writer's schema before anything is encoded, so a bad batch leaves the file intact.</summary>
internal static class BatchValidator
{
    public static void Validate(ParquetSchema schema, RecordBatch batch, string? file)
    {
        if (batch.Schema.Count != schema.Count)
        {
            throw new ParquetException($"batch has {batch.Schema.Count} columns, the file schema has {schema.Count}", file, null, null);
        }

        for (var i = 0; i < schema.Count; i++)
        {
            var field = schema[i];
            var given = batch.Schema[i];
            if (given.Name != field.Name || given.Type != field.Type)
            {
                throw new ParquetException($"batch column {i} is {given}, the file schema expects {field}", file, field.Name, null);
            }

            ValidateColumn(field, batch.Columns[i], file);
        }
    }

    /// <summary>Checks one column's values against its field (class, nulls, list shape).</summary>
    public static void ValidateColumn(ParquetField field, Column column, string? file)
    {
        var problem = Check(field.Type, field.Nullable, column);
        if (problem is not null)
        {
            throw new ParquetException(problem, file, field.Name, null);
        }
    }

    private static string? Check(ParquetType type, bool nullable, Column column)
    {
        var expected = ExpectedColumn(type);
        if (column.GetType() != expected)
        {
            return $"a {type} column needs a {expected.Name}, got a {column.GetType().Name}";
        }

        if (!nullable && column.NullCount > 0)
        {
            return $"column is not nullable but holds {column.NullCount} nulls";
        }

        if (column is not ListColumn list)
        {
            return null;
        }

        for (var row = 0; row < list.Length; row++)
        {
            var length = list.Offsets[row + 1] - list.Offsets[row];
            if (length < 0)
            {
                return $"list offsets decrease at row {row}";
            }

            if (length > 0 && list.IsNull(row))
            {
                return $"null list at row {row} has {length} elements (a null row must have an empty slot)";
            }
        }

        var first = list.Offsets[0];
        var elements = list.Offsets[list.Length] - first;
        var elementNullable = type.ElementNullable;
        if (!elementNullable && list.Values.Validity is { } validity)
        {
            for (var k = first; k < first + elements; k++)
            {
                if (!validity[k])
                {
                    return $"list elements are not nullable but element {k} is null";
                }
            }
        }

        return Check(type.Element!, nullable: true, list.Values);
    }

    private static Type ExpectedColumn(ParquetType type) => type.Kind switch
    {
        ParquetTypeKind.Boolean => typeof(BooleanColumn),
        ParquetTypeKind.Int8 or ParquetTypeKind.Int16 or ParquetTypeKind.Int32 or ParquetTypeKind.UInt8
            or ParquetTypeKind.UInt16 or ParquetTypeKind.UInt32 or ParquetTypeKind.Date => typeof(Int32Column),
        ParquetTypeKind.Time => type.Unit == TimeUnit.Millis ? typeof(Int32Column) : typeof(Int64Column),
        ParquetTypeKind.Int64 or ParquetTypeKind.UInt64 or ParquetTypeKind.Timestamp => typeof(Int64Column),
        ParquetTypeKind.Float => typeof(FloatColumn),
        ParquetTypeKind.Double => typeof(DoubleColumn),
        ParquetTypeKind.String or ParquetTypeKind.Binary or ParquetTypeKind.Enum or ParquetTypeKind.FixedLenBinary => typeof(BinaryColumn),
        ParquetTypeKind.Decimal => typeof(DecimalColumn),
        _ => typeof(ListColumn),
    };
}
