using FeatureStore.Parquet.Format;

namespace FeatureStore.Parquet;

/// <summary>
/// How a top-level field maps to its one leaf column chunk: physical type and level structure.
/// Lists: a level entry with def &lt; ListDefLevel is a null list, == ListDefLevel an empty list,
/// &gt;= ElementDefLevel an element slot (null unless def == MaxDef).
/// </summary>
internal sealed class ColumnDescriptor
{
    public required ParquetField Field { get; init; }

    public required int LeafIndex { get; init; }

    public required PhysicalType Physical { get; init; }

    public int TypeLength { get; init; }

    public int MaxDef { get; init; }

    public int MaxRep { get; init; }

    public int ListDefLevel { get; init; }

    public int ElementDefLevel { get; init; }

    public required IReadOnlyList<string> Path { get; init; }

    public bool IsList => Field.Type.Kind == ParquetTypeKind.List;

    /// <summary>The type of the leaf values (the element type for lists).</summary>
    public ParquetType ValueType => Field.Type.Element ?? Field.Type;
}
