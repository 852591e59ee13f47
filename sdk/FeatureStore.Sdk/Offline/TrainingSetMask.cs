using FeatureStore.Parquet;

namespace FeatureStore.Sdk.Offline;

/// <summary>
/// Which output columns of a training set are masked and with which key: applied to the schema (masked columns become
/// nullable strings) and to every batch on its way out (Parquet and Arrow files, in-memory tables, Flight streams).
/// </summary>
internal sealed class TrainingSetMask
{
    private readonly byte[] key;

    public TrainingSetMask(IReadOnlySet<string> columns, byte[] key)
    {
        Columns = columns;
        this.key = key;
    }

    /// <summary>The masked output columns.</summary>
    public IReadOnlySet<string> Columns { get; }

    public ParquetSchema Apply(ParquetSchema schema) =>
        new(schema.Fields.Select(f => Columns.Contains(f.Name) ? new ParquetField(f.Name, ParquetType.String) : f).ToList());

    public RecordBatch Apply(RecordBatch batch)
    {
        var columns = new Column[batch.Columns.Count];
        for (var i = 0; i < columns.Length; i++)
        {
            columns[i] = Columns.Contains(batch.Schema.Fields[i].Name) ? MaskedValues.Hash(batch.Columns[i], key) : batch.Columns[i];
        }

        return new RecordBatch(Apply(batch.Schema), columns, batch.RowCount);
    }
}
