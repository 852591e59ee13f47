using Apache.Arrow;
using Apache.Arrow.Types;
using FeatureStore.Parquet;
using FeatureStore.Sdk.Arrow;
using FeatureStore.Sdk.Offline;
using ArrowRecordBatch = Apache.Arrow.RecordBatch;
using ArrowSchema = Apache.Arrow.Schema;
using ParquetRecordBatch = FeatureStore.Parquet.RecordBatch;

namespace FeatureStore.OfflineServing.Flight;

/// <summary>
/// A training set as DoGet sends it: the Arrow form of docs/arrow.md, except that status columns are plain utf8 strings
/// (Apache.Arrow.Flight for .NET cannot send dictionary batches, apache/arrow-dotnet#180), in batches of about a target size.
/// </summary>
internal static class FlightBatches
{
    private const int MaxBatchRows = 65_536;
    private const int ProbeRows = 1_024;

    public static ArrowSchema Schema(ParquetSchema schema)
    {
        var arrow = ArrowBatches.ToArrowSchema(schema);
        var builder = new ArrowSchema.Builder();
        foreach (var field in arrow.FieldsList)
        {
            builder.Field(field.DataType is DictionaryType ? new Field(field.Name, StringType.Default, field.IsNullable) : field);
        }

        return builder.Build();
    }

    /// <summary>The batch in Arrow with <paramref name="schema"/> (from <see cref="Schema"/>): dictionary columns decoded to strings.</summary>
    public static ArrowRecordBatch ToArrow(ParquetRecordBatch batch, ArrowSchema schema)
    {
        var arrow = ArrowBatches.ToArrow(batch);
        var arrays = new IArrowArray[arrow.ColumnCount];
        for (var i = 0; i < arrays.Length; i++)
        {
            arrays[i] = arrow.Column(i) is DictionaryArray dictionary ? Decode(dictionary) : arrow.Column(i);
        }

        return new ArrowRecordBatch(schema, arrays, arrow.Length);
    }

    /// <summary>Rows per batch so that a batch is about <paramref name="targetBytes"/>, judged from the first rows.</summary>
    public static int BatchRows(TrainingSetTable table, int targetBytes)
    {
        if (table.RowCount == 0)
        {
            return 1;
        }

        var probe = ArrowBatches.ToArrow(table.Batches(Math.Min(ProbeRows, table.RowCount)).First());
        var bytesPerRow = Math.Max(1.0, (double)probe.Arrays.Sum(a => Bytes(a.Data)) / probe.Length);
        return (int)Math.Clamp(targetBytes / bytesPerRow, 1, MaxBatchRows);
    }

    private static StringArray Decode(DictionaryArray column)
    {
        var values = (StringArray)column.Dictionary;
        var indices = column.Indices;
        var builder = new StringArray.Builder().Reserve(column.Length);
        for (var row = 0; row < column.Length; row++)
        {
            if (column.IsNull(row))
            {
                builder.AppendNull();
            }
            else
            {
                builder.Append(values.GetString(Index(indices, row)));
            }
        }

        return builder.Build();
    }

    private static int Index(IArrowArray indices, int row) => indices switch
    {
        Int8Array a => a.GetValue(row)!.Value,
        Int16Array a => a.GetValue(row)!.Value,
        Int32Array a => a.GetValue(row)!.Value,
        _ => throw new NotSupportedException($"dictionary indices of type {indices.Data.DataType.Name}"),
    };

    private static long Bytes(ArrayData data) =>
        data.Buffers.Sum(b => (long)b.Length) + (data.Children ?? []).Sum(Bytes) + (data.Dictionary is { } dictionary ? Bytes(dictionary) : 0);
}
