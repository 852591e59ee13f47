namespace FeatureStore.Parquet;

/// <summary>The ordered top-level columns of a file or batch. Names are unique (ordinal comparison).</summary>
public sealed class ParquetSchema
{
    private readonly Dictionary<string, int> _indexByName;

    public ParquetSchema(IReadOnlyList<ParquetField> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        Fields = fields.ToArray();
        _indexByName = new Dictionary<string, int>(Fields.Count, StringComparer.Ordinal);
        for (var i = 0; i < Fields.Count; i++)
        {
            if (!_indexByName.TryAdd(Fields[i].Name, i))
            {
                throw new ArgumentException($"duplicate column name '{Fields[i].Name}'", nameof(fields));
            }
        }
    }

    public ParquetSchema(params ParquetField[] fields)
        : this((IReadOnlyList<ParquetField>)fields)
    {
    }

    public IReadOnlyList<ParquetField> Fields { get; }

    public int Count => Fields.Count;

    public ParquetField this[int index] => Fields[index];

    public ParquetField this[string name] => Fields[IndexOf(name) is var i and >= 0 ? i : throw new KeyNotFoundException($"no column '{name}'")];

    /// <summary>Index of the named column, or -1.</summary>
    public int IndexOf(string name) => _indexByName.TryGetValue(name, out var i) ? i : -1;

    public override string ToString() => string.Join(", ", Fields);
}
