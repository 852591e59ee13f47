using Apache.Arrow;
using Apache.Arrow.Ipc;
using FeatureStore.Offline;
using FeatureStore.Parquet;

namespace FeatureStore.Sdk.Erasure;

/// <summary>
/// Whether a recorded training set holds an erased entity: its output's join-key columns (Parquet, or Arrow IPC file or
/// stream) are read and compared with the erased values. Outputs and manifests that are gone are skipped.
/// </summary>
internal static class TrainingSetScan
{
    private static readonly byte[] ParquetMagic = "PAR1"u8.ToArray();
    private static readonly byte[] ArrowFileMagic = "ARROW1"u8.ToArray();

    public static async Task<AffectedTrainingSet?> FindAsync(string manifestPath, IReadOnlyList<ErasureKey> keys, CancellationToken ct)
    {
        if (!File.Exists(manifestPath))
            return null;
        TrainingSetManifest manifest;
        try
        {
            manifest = ManifestJson.Read(manifestPath);
        }
        catch (Exception e) when (e is TrainingSetException or IOException or System.Text.Json.JsonException)
        {
            throw new FeatureStoreException(FeatureStoreErrorCode.Erasure, $"training set manifest {manifestPath} cannot be read: {e.Message}", e);
        }

        var output = manifest.Output.Path;
        if (!File.Exists(output))
            return null;
        try
        {
            var rows = IsParquet(output) ? CountParquet(output, keys, ct) : await CountArrowAsync(output, keys, ct).ConfigureAwait(false);
            return rows > 0 ? new AffectedTrainingSet(Path.GetFullPath(manifestPath), output, rows) : null;
        }
        catch (Exception e) when (e is ParquetException or IOException or InvalidDataException or InvalidOperationException)
        {
            throw new FeatureStoreException(FeatureStoreErrorCode.Erasure, $"training set {output} (manifest {manifestPath}) cannot be read: {e.Message}", e);
        }
    }

    private static bool IsParquet(string path)
    {
        Span<byte> head = stackalloc byte[4];
        using var stream = File.OpenRead(path);
        return stream.Read(head) == 4 && head.SequenceEqual(ParquetMagic);
    }

    private static long CountParquet(string path, IReadOnlyList<ErasureKey> keys, CancellationToken ct)
    {
        using var reader = ParquetFileReader.Open(path);
        var present = keys.Where(k => reader.Schema.IndexOf(k.JoinKey) >= 0).ToList();
        if (present.Count == 0)
            return 0;
        long rows = 0;
        foreach (var batch in reader.ReadBatches([.. present.Select(k => k.JoinKey).Distinct(StringComparer.Ordinal)]))
        {
            ct.ThrowIfCancellationRequested();
            for (var row = 0; row < batch.RowCount; row++)
            {
                if (present.Any(k => k.Matches(batch[k.JoinKey], batch.Schema[k.JoinKey].Type, row)))
                    rows++;
            }
        }

        return rows;
    }

    private static async Task<long> CountArrowAsync(string path, IReadOnlyList<ErasureKey> keys, CancellationToken ct)
    {
        await using var stream = File.OpenRead(path);
        var head = new byte[ArrowFileMagic.Length];
        var isFile = await stream.ReadAsync(head, ct).ConfigureAwait(false) == head.Length && head.AsSpan().SequenceEqual(ArrowFileMagic);
        stream.Position = 0;
        var codecs = new Apache.Arrow.Compression.CompressionCodecFactory();
        using var reader = isFile ? new ArrowFileReader(stream, codecs) : new ArrowStreamReader(stream, codecs);
        long rows = 0;
        while (await reader.ReadNextRecordBatchAsync(ct).ConfigureAwait(false) is { } batch)
        {
            using (batch)
            {
                var columns = keys.Select(k => (Key: k, Array: batch.Schema.GetFieldIndex(k.JoinKey) is var i and >= 0 ? batch.Column(i) : null))
                    .Where(c => c.Array is not null).ToList();
                for (var row = 0; row < batch.Length; row++)
                {
                    if (columns.Any(c => Matches(c.Key, c.Array!, row)))
                        rows++;
                }
            }
        }

        return rows;
    }

    private static bool Matches(ErasureKey key, IArrowArray array, int row)
    {
        if (array.IsNull(row))
            return false;
        return array switch
        {
            Int64Array longs => key.Text == longs.GetValue(row)!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Int32Array ints => key.Text == ints.GetValue(row)!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
            StringArray text => key.Text == text.GetString(row),
            BinaryArray bytes => key.Text == Convert.ToBase64String(bytes.GetBytes(row)),
            _ => false,
        };
    }
}
