using FeatureStore.Parquet;
using ArrowRecordBatch = Apache.Arrow.RecordBatch;
using ArrowSchema = Apache.Arrow.Schema;
using ParquetRecordBatch = FeatureStore.Parquet.RecordBatch;

namespace FeatureStore.Sdk.Arrow;

/// <summary>
/// Converts the project's record batches to Apache.Arrow record batches and back. The type mapping, the status-column
/// dictionary and which buffers are shared rather than copied are described in docs/arrow.md.
/// </summary>
public static class ArrowBatches
{
    /// <summary>The Arrow schema of batches with the given columns (status columns as dictionary-encoded strings).</summary>
    public static ArrowSchema ToArrowSchema(ParquetSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var builder = new ArrowSchema.Builder();
        foreach (var field in schema.Fields)
        {
            builder.Field(ArrowTypeMapping.ToArrowField(field));
        }

        return builder.Build();
    }

    /// <summary>
    /// The batch as an Arrow record batch. Fixed-width value buffers, offsets and string bytes are shared with the
    /// batch's column arrays (not copied): do not change those arrays while the Arrow batch is in use.
    /// </summary>
    /// <exception cref="ArgumentException">A column does not match its field (class, nulls in a non-nullable column,
    /// a decimal that does not fit its type, a status column with a value that is not a status); the message names the column.</exception>
    public static ArrowRecordBatch ToArrow(ParquetRecordBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var arrays = new Apache.Arrow.IArrowArray[batch.Columns.Count];
        for (var i = 0; i < arrays.Length; i++)
        {
            arrays[i] = ToArrowArrays.Convert(batch.Schema[i], batch.Columns[i]);
        }

        return new ArrowRecordBatch(ToArrowSchema(batch.Schema), arrays, batch.RowCount);
    }

    /// <summary>
    /// The project's schema for Arrow batches with <paramref name="schema"/>: timestamps of any unit and zone become
    /// UTC microsecond timestamps, dictionary-encoded strings plain strings, time32[s] millisecond times, date64 dates.
    /// </summary>
    /// <exception cref="ArgumentException">A column's Arrow type has no counterpart; the message names the column and the type.</exception>
    public static ParquetSchema FromArrowSchema(ArrowSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return new ParquetSchema([.. schema.FieldsList.Select(ArrowTypeMapping.FromArrowField)]);
    }

    /// <summary>The Arrow batch as one of the project's batches (values copied), e.g. a spine sent as Arrow.</summary>
    /// <exception cref="ArgumentException">A column's Arrow type has no counterpart, or a value is out of range for it;
    /// the message names the column (and the row).</exception>
    public static ParquetRecordBatch FromArrow(ArrowRecordBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var schema = FromArrowSchema(batch.Schema);
        var columns = new Column[schema.Count];
        for (var i = 0; i < columns.Length; i++)
        {
            var field = batch.Schema.GetFieldByIndex(i);
            var array = batch.Column(i);
            if (array.Data.DataType.TypeId != field.DataType.TypeId || array.Length != batch.Length)
            {
                throw new ArgumentException(
                    $"column '{field.Name}' is declared {ArrowTypeNames.Describe(field.DataType)} but its array is " +
                    $"{ArrowTypeNames.Describe(array.Data.DataType)} with {array.Length} of the batch's {batch.Length} rows");
            }

            columns[i] = FromArrowArrays.Convert(field.Name, array, schema[i].Type);
        }

        // Spans over native Arrow buffers do not keep them alive (apache/arrow-dotnet#397): hold the batch until all are copied.
        GC.KeepAlive(batch);
        return new ParquetRecordBatch(schema, columns, batch.Length);
    }
}
