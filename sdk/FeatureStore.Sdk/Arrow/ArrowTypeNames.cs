using Apache.Arrow;
using Apache.Arrow.Types;
using ArrowTimeUnit = Apache.Arrow.Types.TimeUnit;

namespace FeatureStore.Sdk.Arrow;

/// <summary>Arrow types as text (as pyarrow spells them), for error messages and for comparing a batch with a file schema.</summary>
internal static class ArrowTypeNames
{
    public static string Describe(IArrowType type) => type switch
    {
        TimestampType t => string.IsNullOrEmpty(t.Timezone) ? $"timestamp[{Unit(t.Unit)}]" : $"timestamp[{Unit(t.Unit)}, tz={t.Timezone}]",
        Time32Type t => $"time32[{Unit(t.Unit)}]",
        Time64Type t => $"time64[{Unit(t.Unit)}]",
        DurationType t => $"duration[{Unit(t.Unit)}]",
        Decimal32Type d => $"decimal32({d.Precision}, {d.Scale})",
        Decimal64Type d => $"decimal64({d.Precision}, {d.Scale})",
        Decimal128Type d => $"decimal128({d.Precision}, {d.Scale})",
        Decimal256Type d => $"decimal256({d.Precision}, {d.Scale})",
        FixedSizeBinaryType f => $"fixed_size_binary[{f.ByteWidth}]",
        ListType l => $"list<{Describe(l.ValueField)}>",
        LargeListType l => $"large_list<{Describe(l.ValueField)}>",
        FixedSizeListType l => $"fixed_size_list<{Describe(l.ValueField)}>[{l.ListSize}]",
        DictionaryType d => $"dictionary<values={Describe(d.ValueType)}, indices={Describe(d.IndexType)}, ordered={(d.Ordered ? 1 : 0)}>",
        StructType s => $"struct<{string.Join(", ", s.Fields.Select(Describe))}>",
        _ => type.Name,
    };

    /// <summary>A field as text: name, type, and "not null" when it cannot hold nulls.</summary>
    public static string Describe(Field field) => $"{field.Name}: {Describe(field.DataType)}{(field.IsNullable ? string.Empty : " not null")}";

    private static string Unit(ArrowTimeUnit unit) => unit switch
    {
        ArrowTimeUnit.Second => "s",
        ArrowTimeUnit.Millisecond => "ms",
        ArrowTimeUnit.Microsecond => "us",
        _ => "ns",
    };
}
