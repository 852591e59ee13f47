using FeatureStore.Parquet.Format;

namespace FeatureStore.Parquet.Writing;

/// <summary>Turns user fields into footer schema elements (logical AND converted types) and leaf descriptors.</summary>
internal static class SchemaWriter
{
    public static (List<SchemaElement> Elements, ColumnDescriptor[] Columns) Build(ParquetSchema schema)
    {
        var elements = new List<SchemaElement> { new() { Name = "schema", NumChildren = schema.Count } };
        var columns = new ColumnDescriptor[schema.Count];
        for (var i = 0; i < schema.Count; i++)
        {
            var field = schema[i];
            var repetition = field.Nullable ? Repetition.Optional : Repetition.Required;
            if (field.Type.Kind != ParquetTypeKind.List)
            {
                var leaf = Leaf(field.Name, field.Type, repetition);
                elements.Add(leaf);
                columns[i] = Describe(field, i, leaf, field.Nullable ? 1 : 0, 0, 0, 0, [field.Name]);
                continue;
            }

            var element = field.Type.Element!;
            elements.Add(new SchemaElement
            {
                Name = field.Name,
                Repetition = repetition,
                NumChildren = 1,
                ConvertedType = ConvertedType.List,
                LogicalType = new LogicalTypeAnnotation { Kind = LogicalTypeKind.List },
            });
            elements.Add(new SchemaElement { Name = "list", Repetition = Repetition.Repeated, NumChildren = 1 });
            var elementLeaf = Leaf("element", element, field.Type.ElementNullable ? Repetition.Optional : Repetition.Required);
            elements.Add(elementLeaf);
            var listDef = field.Nullable ? 1 : 0;
            var maxDef = listDef + 1 + (field.Type.ElementNullable ? 1 : 0);
            columns[i] = Describe(field, i, elementLeaf, maxDef, 1, listDef, listDef + 1, [field.Name, "list", "element"]);
        }

        return (elements, columns);
    }

    /// <summary>Bytes of the FIXED_LEN_BYTE_ARRAY holding a decimal of this precision (two's complement).</summary>
    public static int DecimalByteLength(int precision)
    {
        var max = System.Numerics.BigInteger.Pow(10, precision) - 1;
        var bytes = 1;
        while (System.Numerics.BigInteger.Pow(2, (8 * bytes) - 1) - 1 < max)
        {
            bytes++;
        }

        return bytes;
    }

    private static ColumnDescriptor Describe(ParquetField field, int index, SchemaElement leaf, int maxDef, int maxRep, int listDef, int elementDef, string[] path) => new()
    {
        Field = field,
        LeafIndex = index,
        Physical = leaf.Type!.Value,
        TypeLength = leaf.TypeLength ?? 0,
        MaxDef = maxDef,
        MaxRep = maxRep,
        ListDefLevel = listDef,
        ElementDefLevel = elementDef,
        Path = path,
    };

    private static SchemaElement Leaf(string name, ParquetType type, Repetition repetition)
    {
        var e = new SchemaElement { Name = name, Repetition = repetition };
        switch (type.Kind)
        {
            case ParquetTypeKind.Boolean:
                e.Type = PhysicalType.Boolean;
                break;
            case ParquetTypeKind.Int32:
                e.Type = PhysicalType.Int32;
                break;
            case ParquetTypeKind.Int64:
                e.Type = PhysicalType.Int64;
                break;
            case ParquetTypeKind.Int8:
                Integer(e, PhysicalType.Int32, 8, true, ConvertedType.Int8);
                break;
            case ParquetTypeKind.Int16:
                Integer(e, PhysicalType.Int32, 16, true, ConvertedType.Int16);
                break;
            case ParquetTypeKind.UInt8:
                Integer(e, PhysicalType.Int32, 8, false, ConvertedType.UInt8);
                break;
            case ParquetTypeKind.UInt16:
                Integer(e, PhysicalType.Int32, 16, false, ConvertedType.UInt16);
                break;
            case ParquetTypeKind.UInt32:
                Integer(e, PhysicalType.Int32, 32, false, ConvertedType.UInt32);
                break;
            case ParquetTypeKind.UInt64:
                Integer(e, PhysicalType.Int64, 64, false, ConvertedType.UInt64);
                break;
            case ParquetTypeKind.Float:
                e.Type = PhysicalType.Float;
                break;
            case ParquetTypeKind.Double:
                e.Type = PhysicalType.Double;
                break;
            case ParquetTypeKind.String:
                e.Type = PhysicalType.ByteArray;
                e.ConvertedType = ConvertedType.Utf8;
                e.LogicalType = new LogicalTypeAnnotation { Kind = LogicalTypeKind.String };
                break;
            case ParquetTypeKind.Enum:
                e.Type = PhysicalType.ByteArray;
                e.ConvertedType = ConvertedType.Enum;
                e.LogicalType = new LogicalTypeAnnotation { Kind = LogicalTypeKind.Enum };
                break;
            case ParquetTypeKind.Binary:
                e.Type = PhysicalType.ByteArray;
                break;
            case ParquetTypeKind.FixedLenBinary:
                e.Type = PhysicalType.FixedLenByteArray;
                e.TypeLength = type.Length;
                break;
            case ParquetTypeKind.Date:
                e.Type = PhysicalType.Int32;
                e.ConvertedType = ConvertedType.Date;
                e.LogicalType = new LogicalTypeAnnotation { Kind = LogicalTypeKind.Date };
                break;
            case ParquetTypeKind.Time:
                e.Type = type.Unit == TimeUnit.Millis ? PhysicalType.Int32 : PhysicalType.Int64;
                e.ConvertedType = type.Unit switch
                {
                    TimeUnit.Millis => ConvertedType.TimeMillis,
                    TimeUnit.Micros => ConvertedType.TimeMicros,
                    _ => null,
                };
                e.LogicalType = new LogicalTypeAnnotation { Kind = LogicalTypeKind.Time, Unit = type.Unit, IsAdjustedToUtc = type.IsAdjustedToUtc };
                break;
            case ParquetTypeKind.Timestamp:
                e.Type = PhysicalType.Int64;
                e.ConvertedType = type.Unit switch
                {
                    TimeUnit.Millis => ConvertedType.TimestampMillis,
                    TimeUnit.Micros => ConvertedType.TimestampMicros,
                    _ => null,
                };
                e.LogicalType = new LogicalTypeAnnotation { Kind = LogicalTypeKind.Timestamp, Unit = type.Unit, IsAdjustedToUtc = type.IsAdjustedToUtc };
                break;
            case ParquetTypeKind.Decimal:
                e.Type = type.Precision <= 9 ? PhysicalType.Int32 : type.Precision <= 18 ? PhysicalType.Int64 : PhysicalType.FixedLenByteArray;
                if (e.Type == PhysicalType.FixedLenByteArray)
                {
                    e.TypeLength = DecimalByteLength(type.Precision);
                }

                e.ConvertedType = ConvertedType.Decimal;
                e.Precision = type.Precision;
                e.Scale = type.Scale;
                e.LogicalType = new LogicalTypeAnnotation { Kind = LogicalTypeKind.Decimal, Precision = type.Precision, Scale = type.Scale };
                break;
            default:
                throw new ArgumentException($"type {type} cannot be a leaf column", nameof(type));
        }

        return e;
    }

    private static void Integer(SchemaElement e, PhysicalType physical, int bits, bool signed, ConvertedType converted)
    {
        e.Type = physical;
        e.ConvertedType = converted;
        e.LogicalType = new LogicalTypeAnnotation { Kind = LogicalTypeKind.Integer, BitWidth = bits, IsSigned = signed };
    }
}
