namespace FeatureStore.Parquet.Tests.Interop;

/// <summary>Builds one sample column of a type: edge values first, then seeded random values; every 7th row null when nullable.</summary>
internal static class SampleColumns
{
    public static Column Create(ParquetType type, int rows, Random random, bool nullable)
    {
        var validity = nullable ? Enumerable.Range(0, rows).Select(i => i != 0 && random.Next(7) != 3).ToArray() : null;
        return type.Kind switch
        {
            ParquetTypeKind.Boolean => new BooleanColumn(Fill(rows, i => random.Next(3) == 0), validity),
            ParquetTypeKind.Int8 => Ints(rows, random, sbyte.MinValue, sbyte.MaxValue, validity),
            ParquetTypeKind.Int16 => Ints(rows, random, short.MinValue, short.MaxValue, validity),
            ParquetTypeKind.Int32 => Ints(rows, random, int.MinValue, int.MaxValue, validity),
            ParquetTypeKind.UInt8 => Ints(rows, random, 0, byte.MaxValue, validity),
            ParquetTypeKind.UInt16 => Ints(rows, random, 0, ushort.MaxValue, validity),
            ParquetTypeKind.UInt32 => new Int32Column(Fill(rows, i => i switch { 1 => 0, 2 => -1, _ => random.Next(int.MinValue, int.MaxValue) }), validity),
            ParquetTypeKind.Int64 => new Int64Column(Fill(rows, i => i switch { 1 => long.MinValue, 2 => long.MaxValue, _ => random.NextInt64(long.MinValue, long.MaxValue) }), validity),
            ParquetTypeKind.UInt64 => new Int64Column(Fill(rows, i => i switch { 1 => 0, 2 => -1, _ => random.NextInt64(long.MinValue, long.MaxValue) }), validity),
            ParquetTypeKind.Float => new FloatColumn(Fill(rows, i => Floats.Edge(i) is { } e ? (float)e : (float)((random.NextDouble() - 0.5) * 2000)), validity),
            ParquetTypeKind.Double => new DoubleColumn(Fill(rows, i => Floats.Edge(i) ?? (random.NextDouble() - 0.5) * 1e7), validity),
            ParquetTypeKind.String or ParquetTypeKind.Enum => BinaryColumn.FromStrings(Strings(rows, random, validity)),
            ParquetTypeKind.Binary => BinaryColumn.FromBytes(Fill<byte[]?>(rows, i => validity?[i] == false ? null : Bytes(random, i == 1 ? 0 : random.Next(0, 12)))),
            ParquetTypeKind.FixedLenBinary => BinaryColumn.FromBytes(Fill<byte[]?>(rows, i => validity?[i] == false ? null : Bytes(random, type.Length))),
            ParquetTypeKind.Date => new Int32Column(Fill(rows, i => i switch { 1 => -25567, 2 => 47481, _ => random.Next(-10000, 30000) }), validity),
            ParquetTypeKind.Time when type.Unit == TimeUnit.Millis => new Int32Column(Fill(rows, i => i == 2 ? 86_399_999 : random.Next(0, 86_400_000)), validity),
            ParquetTypeKind.Time => new Int64Column(Fill(rows, i => (i == 2 ? 86_399_999_999L : random.NextInt64(0, 86_400_000_000)) * (type.Unit == TimeUnit.Nanos ? 1000 : 1) + (type.Unit == TimeUnit.Nanos ? random.Next(1000) : 0)), validity),
            ParquetTypeKind.Timestamp => new Int64Column(Fill(rows, i => Timestamp(random, type.Unit, i)), validity),
            ParquetTypeKind.Decimal => new DecimalColumn(Fill(rows, i => Decimal(random, type, i)), validity),
            ParquetTypeKind.List => List(type, rows, random, validity),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "no sample for this type"),
        };
    }

    private static T[] Fill<T>(int rows, Func<int, T> value) => Enumerable.Range(0, rows).Select(value).ToArray();

    private static Int32Column Ints(int rows, Random random, int min, int max, bool[]? validity) =>
        new(Fill(rows, i => i switch { 1 => min, 2 => max, _ => (int)random.NextInt64(min, (long)max + 1) }), validity);

    private static string?[] Strings(int rows, Random random, bool[]? validity) =>
        Fill<string?>(rows, i => validity?[i] == false ? null : i switch
        {
            1 => string.Empty,
            2 => "héllo ✓ 😀 \"quoted\", comma",
            3 => string.Concat(Enumerable.Repeat("long", 300)),
            _ => "v" + random.Next(40),
        });

    private static byte[] Bytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static long Timestamp(Random random, TimeUnit unit, int row)
    {
        // 1950..2060 in microseconds, scaled to the unit (nanoseconds keep a random sub-microsecond part).
        var micros = row == 1 ? -631_152_000_000_000L : random.NextInt64(-631_152_000_000_000L, 2_840_140_800_000_000L);
        return unit switch
        {
            TimeUnit.Millis => micros / 1000,
            TimeUnit.Micros => micros,
            _ => (micros * 1000) + random.Next(1000),
        };
    }

    private static decimal Decimal(Random random, ParquetType type, int row)
    {
        var integerDigits = Math.Min(type.Precision - type.Scale, 28 - type.Scale);
        var maxInteger = (decimal)Math.Pow(10, Math.Min(integerDigits, 15)) - 1;
        var scale = (decimal)Math.Pow(10, type.Scale);
        var value = row switch
        {
            1 => -maxInteger,
            2 => maxInteger,
            _ => Math.Round((decimal)(random.NextDouble() - 0.5) * 2 * maxInteger, 0) + (random.Next(0, (int)Math.Min(scale, int.MaxValue)) / scale),
        };
        return Math.Round(value, type.Scale);
    }

    private static ListColumn List(ParquetType type, int rows, Random random, bool[]? validity)
    {
        var offsets = new int[rows + 1];
        for (var i = 0; i < rows; i++)
        {
            offsets[i + 1] = offsets[i] + (validity?[i] == false ? 0 : random.Next(0, 9));
        }

        var count = offsets[rows];
        var elementValidity = type.ElementNullable ? Fill(count, _ => random.Next(5) != 0) : null;
        Column values = type.Element!.Kind switch
        {
            ParquetTypeKind.Float => new FloatColumn(Fill(count, _ => (float)(random.NextDouble() * 2 - 1)), elementValidity),
            ParquetTypeKind.Double => new DoubleColumn(Fill(count, _ => random.NextDouble() * 2 - 1), elementValidity),
            _ => new Int64Column(Fill(count, _ => random.NextInt64()), elementValidity),
        };
        return new ListColumn(offsets, values, rows, validity);
    }

    private static class Floats
    {
        public static double? Edge(int row) => row switch
        {
            1 => double.NaN,
            2 => double.PositiveInfinity,
            3 => double.NegativeInfinity,
            4 => -0.0,
            5 => 1.5,
            _ => null,
        };
    }
}
