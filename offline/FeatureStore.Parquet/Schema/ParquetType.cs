namespace FeatureStore.Parquet;

/// <summary>
/// A column's logical type. Build one with the static members (<see cref="Int64"/>, <see cref="Timestamp"/>,
/// <see cref="Decimal"/>, <see cref="ListOf"/>...). Records compare by value.
/// </summary>
public sealed record ParquetType
{
    private ParquetType(ParquetTypeKind kind)
    {
        Kind = kind;
    }

    public ParquetTypeKind Kind { get; private init; }

    /// <summary>Unit of Time and Timestamp.</summary>
    public TimeUnit Unit { get; private init; }

    /// <summary>Time and Timestamp: true when values are UTC instants (pandas tz-aware), false for naive local values.</summary>
    public bool IsAdjustedToUtc { get; private init; }

    /// <summary>Decimal precision (total digits, 1..38).</summary>
    public int Precision { get; private init; }

    /// <summary>Decimal scale (digits after the point).</summary>
    public int Scale { get; private init; }

    /// <summary>FixedLenBinary byte length.</summary>
    public int Length { get; private init; }

    /// <summary>List element type (a primitive: lists of lists are not supported).</summary>
    public ParquetType? Element { get; private init; }

    /// <summary>Whether list elements may be null.</summary>
    public bool ElementNullable { get; private init; }

    public static ParquetType Boolean { get; } = new(ParquetTypeKind.Boolean);

    public static ParquetType Int8 { get; } = new(ParquetTypeKind.Int8);

    public static ParquetType Int16 { get; } = new(ParquetTypeKind.Int16);

    public static ParquetType Int32 { get; } = new(ParquetTypeKind.Int32);

    public static ParquetType Int64 { get; } = new(ParquetTypeKind.Int64);

    public static ParquetType UInt8 { get; } = new(ParquetTypeKind.UInt8);

    public static ParquetType UInt16 { get; } = new(ParquetTypeKind.UInt16);

    public static ParquetType UInt32 { get; } = new(ParquetTypeKind.UInt32);

    public static ParquetType UInt64 { get; } = new(ParquetTypeKind.UInt64);

    public static ParquetType Float { get; } = new(ParquetTypeKind.Float);

    public static ParquetType Double { get; } = new(ParquetTypeKind.Double);

    /// <summary>UTF-8 text.</summary>
    public static ParquetType String { get; } = new(ParquetTypeKind.String);

    public static ParquetType Binary { get; } = new(ParquetTypeKind.Binary);

    /// <summary>UTF-8 text annotated as ENUM.</summary>
    public static ParquetType Enum { get; } = new(ParquetTypeKind.Enum);

    /// <summary>Days since 1970-01-01.</summary>
    public static ParquetType Date { get; } = new(ParquetTypeKind.Date);

    public static ParquetType Timestamp(TimeUnit unit = TimeUnit.Micros, bool isAdjustedToUtc = true) =>
        new(ParquetTypeKind.Timestamp) { Unit = unit, IsAdjustedToUtc = isAdjustedToUtc };

    /// <summary>Time of day since midnight.</summary>
    public static ParquetType Time(TimeUnit unit = TimeUnit.Micros, bool isAdjustedToUtc = false) =>
        new(ParquetTypeKind.Time) { Unit = unit, IsAdjustedToUtc = isAdjustedToUtc };

    public static ParquetType Decimal(int precision, int scale)
    {
        if (precision is < 1 or > 38)
        {
            throw new ArgumentOutOfRangeException(nameof(precision), precision, "decimal precision must be 1..38");
        }

        if (scale < 0 || scale > precision)
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "decimal scale must be 0..precision");
        }

        return new(ParquetTypeKind.Decimal) { Precision = precision, Scale = scale };
    }

    public static ParquetType FixedLenBinary(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        return new(ParquetTypeKind.FixedLenBinary) { Length = length };
    }

    /// <summary>One level of LIST of a primitive type (e.g. an embedding <c>list&lt;float&gt;</c>).</summary>
    public static ParquetType ListOf(ParquetType element, bool elementNullable = true)
    {
        ArgumentNullException.ThrowIfNull(element);
        if (element.Kind == ParquetTypeKind.List)
        {
            throw new ArgumentException("lists of lists are not supported", nameof(element));
        }

        return new(ParquetTypeKind.List) { Element = element, ElementNullable = elementNullable };
    }

    public override string ToString() => Kind switch
    {
        ParquetTypeKind.Timestamp => $"Timestamp({Unit}, utc={IsAdjustedToUtc})",
        ParquetTypeKind.Time => $"Time({Unit}, utc={IsAdjustedToUtc})",
        ParquetTypeKind.Decimal => $"Decimal({Precision},{Scale})",
        ParquetTypeKind.FixedLenBinary => $"FixedLenBinary({Length})",
        ParquetTypeKind.List => $"List<{Element}{(ElementNullable ? "?" : string.Empty)}>",
        _ => Kind.ToString(),
    };
}
