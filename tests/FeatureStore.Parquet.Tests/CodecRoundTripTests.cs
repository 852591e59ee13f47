namespace FeatureStore.Parquet.Tests;

public sealed class CodecRoundTripTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fs-parquet-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    public static TheoryData<ParquetCompression, bool, int> Combinations()
    {
        var data = new TheoryData<ParquetCompression, bool, int>();
        foreach (var codec in new[] { ParquetCompression.None, ParquetCompression.Snappy, ParquetCompression.Gzip, ParquetCompression.Zstd, ParquetCompression.Brotli })
        {
            foreach (var dictionary in new[] { true, false })
            {
                foreach (var version in new[] { 1, 2 })
                {
                    data.Add(codec, dictionary, version);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public void Every_type_and_nullability_round_trips(ParquetCompression codec, bool dictionary, int pageVersion)
    {
        var schema = CodecSampleData.AllTypesSchema();
        var batch = CodecSampleData.Batch(schema, rows: 2500, seed: 1);
        var path = Path.Combine(_directory, "all.parquet");
        var options = new ParquetWriteOptions
        {
            Compression = codec,
            DictionaryEncoding = dictionary,
            DataPageVersion = pageVersion,
            RowGroupSize = 1000,
            DataPageSize = 2048,
        };
        using (var writer = ParquetFileWriter.Create(path, schema, options))
        {
            writer.WriteBatch(batch);
        }

        using var reader = ParquetFileReader.Open(path);
        Assert.Equal(2500, reader.RowCount);
        Assert.Equal(3, reader.RowGroups.Count);
        Assert.All(reader.RowGroups.SelectMany(g => g.Columns), chunk => Assert.Equal(codec, chunk.Codec));
        var hasDictionaryPages = reader.RowGroups.SelectMany(g => g.Columns).Any(c => c.Encodings.Contains(ParquetEncoding.RleDictionary));
        Assert.Equal(dictionary, hasDictionaryPages);
        CodecAssert.BatchesEqual(batch, reader.ReadAll());
    }

    [Fact]
    public void Decimal38_values_wider_than_System_Decimal_round_trip_exactly()
    {
        var schema = new ParquetSchema(new ParquetField("d", ParquetType.Decimal(38, 10)));
        var big = Int128.Parse("12345678901234567890123456789012345678", System.Globalization.CultureInfo.InvariantCulture);
        var column = new DecimalColumn([big, -big, 5, 0], scale: 10, length: 4, validity: [true, true, true, false]);
        var path = Path.Combine(_directory, "dec38.parquet");
        using (var writer = ParquetFileWriter.Create(path, schema))
        {
            writer.WriteBatch(new RecordBatch(schema, [column], 4));
        }

        using var reader = ParquetFileReader.Open(path);
        var read = (DecimalColumn)reader.ReadAll()["d"];

        Assert.Equal("FIXED_LEN_BYTE_ARRAY(16)", reader.PhysicalTypeName(0));
        Assert.Equal(big, read.Unscaled![0]);
        Assert.Equal("1234567890123456789012345678.9012345678", read.GetString(0));
        Assert.Equal("-1234567890123456789012345678.9012345678", read.GetString(1));
        Assert.Equal("0.0000000005", read.GetString(2));
        Assert.Null(read.GetString(3));
        Assert.Equal(1234567890123456789012345678.9m, read.Values[0]);
        Assert.Equal(0.0000000005m, read.Values[2]);
    }

    [Fact]
    public void Legacy_two_level_lists_are_read()
    {
        var schema = new ParquetSchema(new ParquetField("xs", ParquetType.ListOf(ParquetType.Int64, elementNullable: false)));
        var column = ListColumn.FromInt64Arrays([[1, 2], null, [], [3]]);
        var path = Path.Combine(_directory, "two-level.parquet");
        using (var writer = ParquetFileWriter.Create(path, schema))
        {
            writer.WriteBatch(new RecordBatch(schema, [column], 4));
        }

        // optional group xs (LIST) { repeated group list { required int64 element } } -> { repeated int64 element }:
        // same levels (max def 2, max rep 1), so the pages stay valid.
        CodecTestFiles.RewriteFooter(path, footer =>
        {
            footer.Schema.RemoveAt(2);
            footer.Schema[2].Repetition = Format.Repetition.Repeated;
            footer.Schema[2].Name = "array";
        });
        using var reader = ParquetFileReader.Open(path);

        Assert.Equal(schema.Fields, reader.Schema.Fields);
        CodecAssert.ColumnsEqual(column, reader.ReadAll()["xs"], "xs");
    }

    [Fact]
    public void Int96_legacy_timestamps_are_read_as_nanoseconds()
    {
        // Julian day 2440589 = 1970-01-02; nanos of day 1 h + 1 ns.
        var value = new byte[12];
        BitConverter.TryWriteBytes(value.AsSpan(0, 8), 3_600_000_000_001L);
        BitConverter.TryWriteBytes(value.AsSpan(8, 4), 2_440_589);
        var schema = new ParquetSchema(new ParquetField("t", ParquetType.FixedLenBinary(12)));
        var path = Path.Combine(_directory, "int96.parquet");
        using (var writer = ParquetFileWriter.Create(path, schema, new ParquetWriteOptions { DictionaryEncoding = false }))
        {
            writer.WriteBatch(new RecordBatch(schema, [BinaryColumn.FromBytes([value, null])], 2));
        }

        CodecTestFiles.RewriteFooter(path, footer =>
        {
            footer.Schema[1].Type = Format.PhysicalType.Int96;
            footer.Schema[1].TypeLength = null;
            footer.RowGroups[0].Columns[0].MetaData!.Type = Format.PhysicalType.Int96;
        });
        using var reader = ParquetFileReader.Open(path);
        var column = (Int64Column)reader.ReadAll()["t"];

        Assert.Equal(ParquetType.Timestamp(TimeUnit.Nanos, isAdjustedToUtc: true), reader.Schema[0].Type);
        Assert.Equal("INT96", reader.PhysicalTypeName(0)); // what the file holds, not what a timestamp is written as
        Assert.Equal(86_400_000_000_000L + 3_600_000_000_001L, column.Values[0]);
        Assert.True(column.IsNull(1));
    }
}
