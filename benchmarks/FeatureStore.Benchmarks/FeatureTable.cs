using FeatureStore.Parquet;

namespace FeatureStore.Benchmarks;

/// <summary>
/// The benchmark's feature table, built once in memory as batches: int64 key, UTC microsecond timestamp, five doubles,
/// a string of 100k distinct values and an 8-float embedding (the same shapes tests/interop/bench.mjs builds in DuckDB).
/// </summary>
internal static class FeatureTable
{
    public const int EmbeddingLength = 8;

    public static ParquetSchema Schema { get; } = new(
        new ParquetField("entity_id", ParquetType.Int64, Nullable: false),
        new ParquetField("event_ts", ParquetType.Timestamp(TimeUnit.Micros)),
        new ParquetField("f1", ParquetType.Double), new ParquetField("f2", ParquetType.Double), new ParquetField("f3", ParquetType.Double),
        new ParquetField("f4", ParquetType.Double), new ParquetField("f5", ParquetType.Double),
        new ParquetField("segment", ParquetType.String),
        new ParquetField("embedding", ParquetType.ListOf(ParquetType.Float)));

    public static IReadOnlyList<RecordBatch> Build(long rows, int batchRows)
    {
        var batches = new List<RecordBatch>();
        for (long start = 0; start < rows; start += batchRows)
        {
            batches.Add(BuildBatch(start, (int)Math.Min(batchRows, rows - start)));
        }

        return batches;
    }

    /// <summary>Bytes of the values themselves (8 per int64/double/timestamp, 4 per float, UTF-8 string bytes).</summary>
    public static long LogicalBytes(IReadOnlyList<RecordBatch> batches) =>
        batches.Sum(b => (long)b.RowCount * ((7 * 8) + (EmbeddingLength * 4)) + ((BinaryColumn)b["segment"]).Offsets[b.RowCount]);

    private static RecordBatch BuildBatch(long start, int count)
    {
        var random = new Random(unchecked((int)start) ^ 0x5eed);
        var keys = new long[count];
        var timestamps = new long[count];
        var features = Enumerable.Range(0, 5).Select(_ => new double[count]).ToArray();
        var segments = new string?[count];
        var embeddingOffsets = new int[count + 1];
        var embeddings = new float[count * EmbeddingLength];
        for (var i = 0; i < count; i++)
        {
            var row = start + i;
            keys[i] = row;
            timestamps[i] = 1_700_000_000_000_000 + (row * 1000) + random.Next(1000);
            foreach (var feature in features)
            {
                feature[i] = random.Next(1_000_000) / 1e6;
            }

            segments[i] = "user_" + (row % 100_000).ToString(System.Globalization.CultureInfo.InvariantCulture);
            embeddingOffsets[i + 1] = (i + 1) * EmbeddingLength;
            for (var k = 0; k < EmbeddingLength; k++)
            {
                embeddings[(i * EmbeddingLength) + k] = random.Next(1000) / 1000f;
            }
        }

        Column[] columns =
        [
            new Int64Column(keys), new Int64Column(timestamps),
            .. features.Select(f => new DoubleColumn(f)),
            BinaryColumn.FromStrings(segments),
            new ListColumn(embeddingOffsets, new FloatColumn(embeddings), count),
        ];
        return new RecordBatch(Schema, columns, count);
    }
}
