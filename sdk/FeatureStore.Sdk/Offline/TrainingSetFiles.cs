using FeatureStore.Offline;
using FeatureStore.Parquet;
using FeatureStore.Sdk.Arrow;

namespace FeatureStore.Sdk.Offline;

/// <summary>
/// Writes a built <see cref="TrainingSetTable"/> (masked columns as hashes) as a Parquet or Arrow IPC file with its
/// manifest beside it: each goes to a temporary name and is renamed when complete, and neither stays without the other.
/// </summary>
internal static class TrainingSetFiles
{
    private static readonly ParquetWriteOptions ParquetOptions = new() { RowGroupSize = 1 << 20, DictionaryPageSizeLimit = 64 << 10 };

    public static TrainingSetManifest WriteParquet(TrainingSetTable table, string outputPath, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(outputPath)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(outputPath)}.{Guid.NewGuid():N}.tmp");
        var manifestTemporary = temporary + ".manifest";
        try
        {
            using (var writer = ParquetFileWriter.Create(temporary, table.Schema, ParquetOptions))
            {
                foreach (var batch in table.Batches(ParquetOptions.RowGroupSize))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    writer.WriteBatch(batch);
                }

                writer.Close();
            }

            var manifest = table.ManifestFor(FileFingerprint.Of(temporary) with { Path = outputPath });
            File.WriteAllText(manifestTemporary, ManifestJson.Serialize(manifest));
            File.Move(temporary, outputPath, overwrite: true);
            File.Move(manifestTemporary, ManifestJson.PathFor(outputPath), overwrite: true);
            return manifest;
        }
        catch
        {
            File.Delete(temporary);
            File.Delete(manifestTemporary);
            throw;
        }
    }

    public static async Task<TrainingSetManifest> WriteArrowAsync(TrainingSetTable table, string outputPath, ArrowCompression compression, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(outputPath)!);
        await ArrowIpcFiles.WriteAsync(outputPath, table.Batches().Select(ArrowBatches.ToArrow), ArrowBatches.ToArrowSchema(table.Schema), compression, cancellationToken)
            .ConfigureAwait(false);

        // The Arrow file is in place; it is removed again when its manifest cannot be written, so neither stays alone.
        var manifestPath = ManifestJson.PathFor(outputPath);
        var temporary = $"{manifestPath}.tmp-{Guid.NewGuid():N}";
        try
        {
            var manifest = table.ManifestFor(FileFingerprint.Of(outputPath));
            await File.WriteAllTextAsync(temporary, ManifestJson.Serialize(manifest), cancellationToken).ConfigureAwait(false);
            File.Move(temporary, manifestPath, overwrite: true);
            return manifest;
        }
        catch
        {
            File.Delete(temporary);
            File.Delete(outputPath);
            throw;
        }
    }
}
