using System.Runtime.CompilerServices;
using Apache.Arrow.Ipc;
using ArrowRecordBatch = Apache.Arrow.RecordBatch;
using ArrowSchema = Apache.Arrow.Schema;

namespace FeatureStore.Sdk.Arrow;

/// <summary>
/// Writes Arrow IPC files (the random-access "Feather v2" format that pyarrow's <c>pa.ipc.open_file</c>, Polars'
/// <c>read_ipc</c> and pandas' <c>read_feather</c> read). A file appears whole or not at all: it is written to
/// <c>&lt;path&gt;.tmp-&lt;guid&gt;</c> and renamed when complete; on any failure the temporary file is deleted.
/// </summary>
public static class ArrowIpcFiles
{
    /// <summary>Writes <paramref name="batches"/> (each with <paramref name="schema"/>) as the Arrow IPC file <paramref name="path"/>.</summary>
    /// <exception cref="ArgumentException">A batch's columns differ from <paramref name="schema"/>; the message names the batch and the column.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder of <paramref name="path"/> does not exist.</exception>
    public static async Task WriteAsync(
        string path,
        IAsyncEnumerable<ArrowRecordBatch> batches,
        ArrowSchema schema,
        ArrowCompression compression = ArrowCompression.None,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(batches);
        ArgumentNullException.ThrowIfNull(schema);
        var options = Options(compression);
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"cannot write {path}: the folder {directory} does not exist");
        }

        var temp = $"{full}.tmp-{Guid.NewGuid():N}";
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16, useAsync: true))
            {
                using var writer = new ArrowFileWriter(stream, schema, leaveOpen: true, options);
                await writer.WriteStartAsync(cancellationToken).ConfigureAwait(false);
                var index = 0;
                await foreach (var batch in batches.WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    CheckSchema(path, schema, batch, index++);

                    // The writer finds a column's dictionary by its Field object, so each batch must carry the file's fields.
                    var withFileSchema = ReferenceEquals(batch.Schema, schema) ? batch : new ArrowRecordBatch(schema, batch.Arrays, batch.Length);
                    await writer.WriteRecordBatchAsync(withFileSchema, cancellationToken).ConfigureAwait(false);

                    // The writer copies native buffers after its last use of the batch (apache/arrow-dotnet#397).
                    GC.KeepAlive(batch);
                }

                await writer.WriteEndAsync(cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <inheritdoc cref="WriteAsync(string, IAsyncEnumerable{ArrowRecordBatch}, ArrowSchema, ArrowCompression, CancellationToken)"/>
    public static Task WriteAsync(
        string path,
        IEnumerable<ArrowRecordBatch> batches,
        ArrowSchema schema,
        ArrowCompression compression = ArrowCompression.None,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batches);
        return WriteAsync(path, AsAsync(batches, cancellationToken), schema, compression, cancellationToken);
    }

    private static IpcOptions Options(ArrowCompression compression) => compression switch
    {
        ArrowCompression.None => new IpcOptions(),
        ArrowCompression.Zstd => Compressed(CompressionCodecType.Zstd),
        ArrowCompression.Lz4Frame => Compressed(CompressionCodecType.Lz4Frame),
        _ => throw new ArgumentOutOfRangeException(nameof(compression), compression, "not an ArrowCompression"),
    };

    private static IpcOptions Compressed(CompressionCodecType codec) => new()
    {
        CompressionCodec = codec,
        CompressionCodecFactory = new Apache.Arrow.Compression.CompressionCodecFactory(),
    };

    /// <summary>The file's schema describes every batch, so a batch with other columns would be written wrongly.</summary>
    private static void CheckSchema(string path, ArrowSchema schema, ArrowRecordBatch batch, int index)
    {
        var fields = schema.FieldsList;
        var given = batch.Schema.FieldsList;
        if (given.Count != fields.Count)
        {
            throw new ArgumentException($"{path}: batch {index} has {given.Count} columns, the file schema has {fields.Count}");
        }

        for (var i = 0; i < fields.Count; i++)
        {
            var expected = ArrowTypeNames.Describe(fields[i]);
            var actual = ArrowTypeNames.Describe(given[i]);
            if (expected != actual)
            {
                throw new ArgumentException($"{path}: batch {index} column {i} is '{actual}', the file schema has '{expected}'");
            }
        }
    }

    private static async IAsyncEnumerable<ArrowRecordBatch> AsAsync(IEnumerable<ArrowRecordBatch> batches, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var batch in batches)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return batch;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }
}
