namespace FeatureStore.Parquet.Tests;

/// <summary>
/// <see cref="ColumnBufferPool"/>: row groups decoded into arrays given back by earlier ones (even left full of other
/// values) equal a plain read, for every type, nullability and encoding; and the arrays are in fact reused.
/// </summary>
public sealed class ReaderBufferPoolTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fs-parquet-pool-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Row_groups_decoded_into_returned_arrays_equal_a_plain_read(bool dictionary)
    {
        var schema = CodecSampleData.AllTypesSchema();
        var path = Path.Combine(_directory, "all.parquet");
        using (var writer = ParquetFileWriter.Create(path, schema, new ParquetWriteOptions { DictionaryEncoding = dictionary, RowGroupSize = 1000, DataPageSize = 2048 }))
        {
            writer.WriteBatch(CodecSampleData.Batch(schema, rows: 3000, seed: 4));
        }

        var pool = new ColumnBufferPool();
        using var plain = ParquetFileReader.Open(path);
        using var pooled = ParquetFileReader.Open(path, new ParquetReadOptions { Buffers = pool });
        var reused = 0;
        HashSet<Array> returned = new(ReferenceEqualityComparer.Instance);
        for (var g = 0; g < 3; g++)
        {
            var batch = pooled.ReadRowGroup(g);
            CodecAssert.BatchesEqual(plain.ReadRowGroup(g), batch);
            for (var c = 0; c < schema.Fields.Count; c++)
            {
                if (ValuesOf(batch[c]) is not { } values)
                    continue;
                if (returned.Contains(values))
                    reused++;
                // Stale values must not show through the next decode.
                Buffer.BlockCopy(Enumerable.Repeat((byte)0xA5, Buffer.ByteLength(values)).ToArray(), 0, values, 0, Buffer.ByteLength(values));
                returned.Add(values);
            }

            pool.Return(batch);
        }

        Assert.True(reused >= 4, $"only {reused} arrays were reused");
    }

    [Fact]
    public void A_batch_holding_one_column_twice_gives_its_array_back_once()
    {
        var pool = new ColumnBufferPool();
        var column = new Int64Column([1, 2, 3]);
        var schema = new ParquetSchema(new ParquetField("a", ParquetType.Int64), new ParquetField("b", ParquetType.Int64));

        pool.Return(new RecordBatch(schema, [column, column], 3));

        Assert.Equal(1, pool.Count);
    }

    private static Array? ValuesOf(Column column) => column switch
    {
        Int32Column c => c.Values,
        Int64Column c => c.Values,
        FloatColumn c => c.Values,
        DoubleColumn c => c.Values,
        _ => null,
    };
}
