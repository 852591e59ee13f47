using System.Runtime.CompilerServices;
using Apache.Arrow.Compression;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using FeatureStore.Parquet;
using FeatureStore.Parquet.Tests.Interop;
using FeatureStore.Sdk.Arrow;
using ArrowRecordBatch = Apache.Arrow.RecordBatch;
using ParquetRecordBatch = FeatureStore.Parquet.RecordBatch;

namespace FeatureStore.Sdk.Tests.Arrow;

public sealed class ArrowIpcFilesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("featurestore-arrow-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(ArrowCompression.None)]
    [InlineData(ArrowCompression.Zstd)]
    [InlineData(ArrowCompression.Lz4Frame)]
    public async Task A_file_written_with_each_compression_reads_back_with_ArrowFileReader_cell_by_cell(ArrowCompression compression)
    {
        var sample = ArrowSampleBatch.Create();
        ParquetRecordBatch[] batches = [sample, sample, sample];
        var path = Path.Combine(_folder, "train.arrow");

        await ArrowIpcFiles.WriteAsync(path, batches.Select(ArrowBatches.ToArrow), ArrowBatches.ToArrowSchema(sample.Schema), compression);

        using var reader = new ArrowFileReader(File.OpenRead(path), new CompressionCodecFactory());
        Assert.Equal(3, await reader.RecordBatchCountAsync());
        Assert.Equal(sample.Schema.Fields.Select(f => f.Name), reader.Schema.FieldsList.Select(f => f.Name));
        Assert.IsType<DictionaryType>(reader.Schema.GetFieldByName("conv_rate__status").DataType);
        Assert.Equal("UTC", ((TimestampType)reader.Schema.GetFieldByName("ts_us_utc").DataType).Timezone);
        for (var i = 0; i < batches.Length; i++)
        {
            // Not disposed here: Apache.Arrow frees a decompressed dictionary shared by all batches with the first batch disposed.
            var read = await reader.ReadRecordBatchAsync(i);
            AssertSameCells(batches[i], ArrowBatches.FromArrow(read));
        }

        Assert.Equal([Path.GetFileName(path)], Directory.GetFiles(_folder).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData(ArrowCompression.Zstd)]
    [InlineData(ArrowCompression.Lz4Frame)]
    public async Task Compressed_files_are_smaller_and_cannot_be_read_without_the_codec(ArrowCompression compression)
    {
        var rows = ArrowSampleBatch.TrainingRows(50_000, firstId: 1000);
        var schema = ArrowBatches.ToArrowSchema(rows.Schema);
        var plain = Path.Combine(_folder, "plain.arrow");
        var compressed = Path.Combine(_folder, "compressed.arrow");

        await ArrowIpcFiles.WriteAsync(plain, [ArrowBatches.ToArrow(rows)], schema);
        await ArrowIpcFiles.WriteAsync(compressed, [ArrowBatches.ToArrow(rows)], schema, compression);

        Assert.True(new FileInfo(compressed).Length * 3 < new FileInfo(plain).Length, $"{compression}: {new FileInfo(compressed).Length} bytes against {new FileInfo(plain).Length} uncompressed");
        using var withoutCodec = new ArrowFileReader(File.OpenRead(compressed));
        var error = await Assert.ThrowsAnyAsync<Exception>(async () => await withoutCodec.ReadRecordBatchAsync(0));
        Assert.StartsWith($"Body is compressed with codec {(compression == ArrowCompression.Zstd ? "ZSTD" : "LZ4_FRAME")}", error.Message, StringComparison.Ordinal);
        using var withCodec = new ArrowFileReader(File.OpenRead(compressed), new CompressionCodecFactory());
        using var read = await withCodec.ReadRecordBatchAsync(0);
        AssertSameCells(rows, ArrowBatches.FromArrow(read));
    }

    [Fact]
    public async Task A_source_that_fails_midway_leaves_the_previous_file_and_no_temporary_file()
    {
        var path = Path.Combine(_folder, "train.arrow");
        await File.WriteAllTextAsync(path, "previous contents");
        var sample = ArrowSampleBatch.Create();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ArrowIpcFiles.WriteAsync(path, FailAfterFirst(ArrowBatches.ToArrow(sample)), ArrowBatches.ToArrowSchema(sample.Schema), ArrowCompression.Zstd));

        Assert.Equal("the source broke", error.Message);
        Assert.Equal("previous contents", await File.ReadAllTextAsync(path));
        Assert.Equal([path], Directory.GetFiles(_folder));
    }

    [Fact]
    public async Task A_batch_with_other_columns_is_refused_naming_the_batch_and_column_and_nothing_is_written()
    {
        var path = Path.Combine(_folder, "train.arrow");
        var rows = ArrowSampleBatch.TrainingRows(10, firstId: 1);
        var other = new ParquetRecordBatch(
            new ParquetSchema(new ParquetField("driver_id", ParquetType.Int32, Nullable: false), rows.Schema[1], rows.Schema[2], rows.Schema[3]),
            [new Int32Column(new int[10]), rows.Columns[1], rows.Columns[2], rows.Columns[3]], 10);

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            ArrowIpcFiles.WriteAsync(path, [ArrowBatches.ToArrow(rows), ArrowBatches.ToArrow(other)], ArrowBatches.ToArrowSchema(rows.Schema)));

        Assert.Equal($"{path}: batch 1 column 0 is 'driver_id: int32 not null', the file schema has 'driver_id: int64 not null'", error.Message);
        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Fact]
    public async Task Cancelling_leaves_no_file()
    {
        var path = Path.Combine(_folder, "train.arrow");
        var rows = ArrowSampleBatch.TrainingRows(100, firstId: 1);
        using var cancellation = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            ArrowIpcFiles.WriteAsync(path, CancelAfterFirst(ArrowBatches.ToArrow(rows), cancellation), ArrowBatches.ToArrowSchema(rows.Schema), cancellationToken: cancellation.Token));

        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Fact]
    public async Task A_missing_folder_is_named()
    {
        var path = Path.Combine(_folder, "missing", "train.arrow");
        var rows = ArrowSampleBatch.TrainingRows(1, firstId: 1);

        var error = await Assert.ThrowsAsync<DirectoryNotFoundException>(() =>
            ArrowIpcFiles.WriteAsync(path, [ArrowBatches.ToArrow(rows)], ArrowBatches.ToArrowSchema(rows.Schema)));

        Assert.Equal($"cannot write {path}: the folder {Path.Combine(_folder, "missing")} does not exist", error.Message);
    }

    [Fact]
    public async Task No_batches_give_a_readable_file_with_the_schema_and_no_rows()
    {
        var path = Path.Combine(_folder, "empty.arrow");
        var schema = ArrowBatches.ToArrowSchema(ArrowSampleBatch.TrainingRows(1, firstId: 1).Schema);

        await ArrowIpcFiles.WriteAsync(path, Array.Empty<ArrowRecordBatch>(), schema);

        using var reader = new ArrowFileReader(File.OpenRead(path));
        Assert.Equal(0, await reader.RecordBatchCountAsync());
        Assert.Equal(["driver_id", "event_timestamp", "conv_rate", "conv_rate__status"], reader.Schema.FieldsList.Select(f => f.Name));
    }

    private static void AssertSameCells(ParquetRecordBatch expected, ParquetRecordBatch actual)
    {
        Assert.Equal(expected.RowCount, actual.RowCount);
        for (var c = 0; c < expected.Columns.Count; c++)
        {
            for (var row = 0; row < expected.RowCount; row++)
            {
                var want = CanonicalJson.Normalize(CanonicalJson.Value(expected.Columns[c], expected.Schema[c].Type, row));
                var got = CanonicalJson.Normalize(CanonicalJson.Value(actual.Columns[c], actual.Schema[c].Type, row));
                Assert.True(want == got, $"column {expected.Schema[c].Name} row {row}: expected {want}, got {got}");
            }
        }
    }

    private static async IAsyncEnumerable<ArrowRecordBatch> FailAfterFirst(ArrowRecordBatch first)
    {
        yield return first;
        await Task.Yield();
        throw new InvalidOperationException("the source broke");
    }

    private static async IAsyncEnumerable<ArrowRecordBatch> CancelAfterFirst(
        ArrowRecordBatch batch, CancellationTokenSource cancellation, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        yield return batch;
        await cancellation.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
        yield return batch;
    }
}
