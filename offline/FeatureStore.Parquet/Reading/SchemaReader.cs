using FeatureStore.Parquet.Format;

namespace FeatureStore.Parquet.Reading;

/// <summary>
/// Turns the flattened schema of a footer into top-level fields. Supported: primitive columns (required/optional),
/// one level of LIST of a primitive (3-level standard, 2-level legacy, bare repeated primitive).
/// Other nested fields (structs, maps, nested lists) are skipped and listed in <c>Unsupported</c>.
/// </summary>
internal sealed class SchemaReader
{
    private readonly List<SchemaElement> _elements;
    private readonly List<ColumnDescriptor> _columns = [];
    private readonly List<string> _unsupported = [];
    private int _index;
    private int _leaf;

    private SchemaReader(List<SchemaElement> elements)
    {
        _elements = elements;
    }

    public static (ParquetSchema Schema, IReadOnlyList<ColumnDescriptor> Columns, int LeafCount, IReadOnlyList<string> Unsupported) Read(List<SchemaElement> elements)
    {
        if (elements.Count == 0)
        {
            throw new InvalidDataException("footer schema is empty");
        }

        var reader = new SchemaReader(elements);
        var rootChildren = elements[0].NumChildren ?? 0;
        if (rootChildren < 0 || rootChildren >= elements.Count)
        {
            throw new InvalidDataException($"schema root declares {rootChildren} children but the schema has {elements.Count - 1} elements");
        }

        reader._index = 1;
        for (var i = 0; i < rootChildren; i++)
        {
            reader.ReadTopLevel();
        }

        var fields = new ParquetField[reader._columns.Count];
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = reader._columns[i].Field;
        }

        return (new ParquetSchema(fields), reader._columns, reader._leaf, reader._unsupported);
    }

    private SchemaElement At(int index) =>
        index < _elements.Count ? _elements[index] : throw new InvalidDataException("schema element list ends inside a group");

    private static bool IsLeaf(SchemaElement e) => e.Type is not null && (e.NumChildren ?? 0) == 0;

    private void ReadTopLevel()
    {
        var start = _index;
        var top = At(start);
        if (IsLeaf(top))
        {
            _index++;
            AddLeafColumn(top);
            return;
        }

        if (top.NumChildren == 1 && TryAddList(top, start))
        {
            return;
        }

        _unsupported.Add(top.Name);
        SkipSubtree();
    }

    private void AddLeafColumn(SchemaElement leaf)
    {
        var valueType = LogicalTypeMapper.Map(leaf);
        if (leaf.Repetition == Repetition.Repeated)
        {
            _columns.Add(Describe(leaf, new ParquetField(leaf.Name, ParquetType.ListOf(valueType, elementNullable: false), Nullable: false), maxDef: 1, maxRep: 1, listDef: 0, elementDef: 1, [leaf.Name]));
            return;
        }

        var nullable = leaf.Repetition != Repetition.Required;
        _columns.Add(Describe(leaf, new ParquetField(leaf.Name, valueType, nullable), nullable ? 1 : 0, 0, 0, 0, [leaf.Name]));
    }

    private bool TryAddList(SchemaElement outer, int start)
    {
        var repeated = At(start + 1);
        if (repeated.Repetition != Repetition.Repeated)
        {
            return false;
        }

        var nullable = outer.Repetition != Repetition.Required;
        var listDef = nullable ? 1 : 0;
        var elementDef = listDef + 1;
        if (IsLeaf(repeated))
        {
            var type = ParquetType.ListOf(LogicalTypeMapper.Map(repeated), elementNullable: false);
            _index = start + 2;
            _columns.Add(Describe(repeated, new ParquetField(outer.Name, type, nullable), elementDef, 1, listDef, elementDef, [outer.Name, repeated.Name]));
            return true;
        }

        if (repeated.NumChildren != 1)
        {
            return false;
        }

        var element = At(start + 2);
        if (!IsLeaf(element) || element.Repetition == Repetition.Repeated)
        {
            return false;
        }

        var elementNullable = element.Repetition != Repetition.Required;
        var listType = ParquetType.ListOf(LogicalTypeMapper.Map(element), elementNullable);
        _index = start + 3;
        var maxDef = elementDef + (elementNullable ? 1 : 0);
        _columns.Add(Describe(element, new ParquetField(outer.Name, listType, nullable), maxDef, 1, listDef, elementDef, [outer.Name, repeated.Name, element.Name]));
        return true;
    }

    private ColumnDescriptor Describe(SchemaElement leaf, ParquetField field, int maxDef, int maxRep, int listDef, int elementDef, string[] path) => new()
    {
        Field = field,
        LeafIndex = _leaf++,
        Physical = leaf.Type!.Value,
        TypeLength = leaf.TypeLength ?? 0,
        MaxDef = maxDef,
        MaxRep = maxRep,
        ListDefLevel = listDef,
        ElementDefLevel = elementDef,
        Path = path,
    };

    /// <summary>Skips a subtree without recursion, counting its leaves.</summary>
    private void SkipSubtree()
    {
        var pending = 1L;
        while (pending > 0)
        {
            var e = At(_index++);
            pending--;
            var children = e.NumChildren ?? 0;
            if (children < 0 || children > _elements.Count)
            {
                throw new InvalidDataException($"schema element '{e.Name}' declares {children} children");
            }

            if (children == 0)
            {
                _leaf++;
            }

            pending += children;
        }
    }
}
