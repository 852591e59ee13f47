using System.Text;

namespace FeatureStore.Parquet.Tests;

/// <summary>Sample schemas and batches covering every supported type, shared by the codec tests.</summary>
internal static class CodecSampleData
{
    public static readonly (string Name, ParquetType Type)[] Types =
    [
        ("bool", ParquetType.Boolean),
        ("i8", ParquetType.Int8),
        ("i16", ParquetType.Int16),
        ("i32", ParquetType.Int32),
        ("i64", ParquetType.Int64),
        ("u8", ParquetType.UInt8),
        ("u16", ParquetType.UInt16),
        ("u32", ParquetType.UInt32),
        ("u64", ParquetType.UInt64),
        ("f32", ParquetType.Float),
        ("f64", ParquetType.Double),
        ("str", ParquetType.String),
        ("enum", ParquetType.Enum),
        ("bin", ParquetType.Binary),
        ("fixed", ParquetType.FixedLenBinary(16)),
        ("date", ParquetType.Date),
        ("time_ms", ParquetType.Time(TimeUnit.Millis)),
        ("time_us", ParquetType.Time(TimeUnit.Micros)),
        ("time_ns", ParquetType.Time(TimeUnit.Nanos)),
        ("ts_ms", ParquetType.Timestamp(TimeUnit.Millis)),
        ("ts_us", ParquetType.Timestamp(TimeUnit.Micros)),
        ("ts_ns_local", ParquetType.Timestamp(TimeUnit.Nanos, isAdjustedToUtc: false)),
        ("dec_9_2", ParquetType.Decimal(9, 2)),
        ("dec_18_4", ParquetType.Decimal(18, 4)),
        ("dec_28_6", ParquetType.Decimal(28, 6)),
        ("dec_38_10", ParquetType.Decimal(38, 10)),
        ("list_f32", ParquetType.ListOf(ParquetType.Float, elementNullable: true)),
        ("list_i64", ParquetType.ListOf(ParquetType.Int64, elementNullable: false)),
        ("list_str", ParquetType.ListOf(ParquetType.String, elementNullable: true)),
        ("list_bool", ParquetType.ListOf(ParquetType.Boolean, elementNullable: true)),
    ];

    /// <summary>A schema with a nullable and a required column of every type.</summary>
    public static ParquetSchema AllTypesSchema()
    {
        var fields = new List<ParquetField>();
        foreach (var (name, type) in Types)
        {
            fields.Add(new ParquetField(name + "_opt", type, Nullable: true));
            fields.Add(new ParquetField(name + "_req", type, Nullable: false));
        }

        return new ParquetSchema(fields);
    }

    /// <summary>Two batches (9,000 and 20,000 rows) of every type, for tests that compare two ways of writing the same data.</summary>
    public static RecordBatch[] TwoBatches(ParquetSchema schema) => [Batch(schema, 9_000, seed: 3), Batch(schema, 20_000, seed: 4)];

    /// <summary>Small pages and dictionaries, so a few thousand rows span many pages and dictionary fallbacks.</summary>
    public static ParquetWriteOptions SmallPages(ParquetCompression codec, int pageVersion, bool dictionary, int rowGroupSize) => new()
    {
        Compression = codec,
        DataPageVersion = pageVersion,
        DictionaryEncoding = dictionary,
        DictionaryPageSizeLimit = 8192,
        DataPageSize = 16 << 10,
        RowGroupSize = rowGroupSize,
    };

    public static RecordBatch Batch(ParquetSchema schema, int rows, int seed)
    {
        var columns = new Column[schema.Count];
        for (var i = 0; i < schema.Count; i++)
        {
            var field = schema[i];
            columns[i] = MakeColumn(field.Type, rows, field.Nullable, new Random(seed * 1000 + i));
        }

        return new RecordBatch(schema, columns, rows);
    }

    public static Column MakeColumn(ParquetType type, int rows, bool nullable, Random random)
    {
        bool[]? validity = null;
        if (nullable)
        {
            validity = new bool[rows];
            for (var r = 0; r < rows; r++)
            {
                validity[r] = r % 7 != 3;
            }
        }

        // Values repeat (a small pool) in the first half and vary in the second, so dictionaries see both.
        int Pick(int r, int pool) => r < rows / 2 ? random.Next(pool) : random.Next();

        switch (type.Kind)
        {
            case ParquetTypeKind.Boolean:
                return new BooleanColumn(Fill(rows, validity, r => random.Next(2) == 1), validity);
            case ParquetTypeKind.Int8:
                return new Int32Column(Fill(rows, validity, r => random.Next(-128, 128)), validity);
            case ParquetTypeKind.Int16:
                return new Int32Column(Fill(rows, validity, r => random.Next(-32768, 32768)), validity);
            case ParquetTypeKind.UInt8:
                return new Int32Column(Fill(rows, validity, r => random.Next(0, 256)), validity);
            case ParquetTypeKind.UInt16:
                return new Int32Column(Fill(rows, validity, r => random.Next(0, 65536)), validity);
            case ParquetTypeKind.Int32:
            case ParquetTypeKind.UInt32:
                return new Int32Column(Fill(rows, validity, r => Pick(r, 50) - (r % 2 == 0 ? int.MaxValue : 0)), validity);
            case ParquetTypeKind.Date:
                return new Int32Column(Fill(rows, validity, r => 18000 + Pick(r, 30) % 20000), validity);
            case ParquetTypeKind.Int64:
            case ParquetTypeKind.UInt64:
                return new Int64Column(Fill(rows, validity, r => ((long)Pick(r, 40) << 20) * (r % 3 == 0 ? -1 : 1)), validity);
            case ParquetTypeKind.Time:
                if (type.Unit == TimeUnit.Millis)
                {
                    return new Int32Column(Fill(rows, validity, r => random.Next(86_400_000)), validity);
                }

                return new Int64Column(Fill(rows, validity, r => random.NextInt64(86_400_000_000L)), validity);
            case ParquetTypeKind.Timestamp:
                return new Int64Column(Fill(rows, validity, r => 1_600_000_000_000L + Pick(r, 20)), validity);
            case ParquetTypeKind.Float:
                return new FloatColumn(Fill(rows, validity, r => r == 5 ? float.NaN : Pick(r, 25) / 7f), validity);
            case ParquetTypeKind.Double:
                return new DoubleColumn(Fill(rows, validity, r => r == 6 ? -0.0 : Pick(r, 25) / 3.0), validity);
            case ParquetTypeKind.Decimal:
                var digits = Math.Min(type.Precision - type.Scale, 9);
                var bound = (long)Math.Pow(10, digits) - 1;
                return new DecimalColumn(Fill(rows, validity, r => (decimal)random.NextInt64(-bound, bound) + (random.Next(100) / 100m)), validity);
            case ParquetTypeKind.String:
            case ParquetTypeKind.Enum:
                return Strings(rows, validity, r => r % 11 == 0 ? string.Empty : $"v{Pick(r, 30)}-é✓");
            case ParquetTypeKind.Binary:
                return Bytes(rows, validity, r => Encoding.UTF8.GetBytes($"b{Pick(r, 30)}").Concat(new byte[] { 0, 255 }).ToArray());
            case ParquetTypeKind.FixedLenBinary:
                return Bytes(rows, validity, r =>
                {
                    var bytes = new byte[type.Length];
                    random.NextBytes(bytes);
                    return bytes;
                });
            case ParquetTypeKind.List:
                return List(type, rows, validity, random);
            default:
                throw new ArgumentException(type.ToString());
        }
    }

    private static T[] Fill<T>(int rows, bool[]? validity, Func<int, T> make)
    {
        var values = new T[rows];
        for (var r = 0; r < rows; r++)
        {
            var value = make(r);
            values[r] = validity is null || validity[r] ? value : default!;
        }

        return values;
    }

    private static BinaryColumn Strings(int rows, bool[]? validity, Func<int, string> make)
    {
        var values = new string?[rows];
        for (var r = 0; r < rows; r++)
        {
            var value = make(r);
            values[r] = validity is null || validity[r] ? value : null;
        }

        return BinaryColumn.FromStrings(values);
    }

    private static BinaryColumn Bytes(int rows, bool[]? validity, Func<int, byte[]> make)
    {
        var values = new byte[]?[rows];
        for (var r = 0; r < rows; r++)
        {
            var value = make(r);
            values[r] = validity is null || validity[r] ? value : null;
        }

        return BinaryColumn.FromBytes(values);
    }

    private static ListColumn List(ParquetType type, int rows, bool[]? validity, Random random)
    {
        var offsets = new int[rows + 1];
        for (var r = 0; r < rows; r++)
        {
            var length = validity is not null && !validity[r] ? 0 : (r % 5 == 1 ? 0 : random.Next(1, 6));
            offsets[r + 1] = offsets[r] + length;
        }

        var child = MakeColumn(type.Element!, offsets[rows], type.ElementNullable, random);
        return new ListColumn(offsets, child, rows, validity);
    }
}
