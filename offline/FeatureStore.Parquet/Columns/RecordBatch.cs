namespace FeatureStore.Parquet;

/// <summary>A set of equally long columns described by a schema (column i has the type of field i).</summary>
public sealed class RecordBatch
{
    public RecordBatch(ParquetSchema schema, IReadOnlyList<Column> columns, int rowCount)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count != schema.Count)
        {
            throw new ArgumentException($"schema has {schema.Count} fields but {columns.Count} columns were given", nameof(columns));
        }

        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i].Length != rowCount)
            {
                throw new ArgumentException($"column '{schema[i].Name}' has {columns[i].Length} rows, batch has {rowCount}", nameof(columns));
            }
        }

        Schema = schema;
        Columns = columns;
        RowCount = rowCount;
    }

    public ParquetSchema Schema { get; }

    public IReadOnlyList<Column> Columns { get; }

    public int RowCount { get; }

    public Column this[int index] => Columns[index];

    public Column this[string name] => Columns[Schema.IndexOf(name) is var i and >= 0 ? i : throw new KeyNotFoundException($"no column '{name}' in batch")];
}
