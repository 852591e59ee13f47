using FeatureStore.Offline;
using FeatureStore.Sdk.Arrow;
using FeatureStore.Sdk.Offline;

namespace FeatureStore.Cli.Commands;

/// <summary>
/// <c>get-historical-features --format arrow</c>: the training set as an Arrow IPC file (the types of docs/arrow.md, status
/// columns dictionary-encoded) and the same manifest as for Parquet beside it, recording the Arrow file as the output.
/// </summary>
internal static class ArrowTrainingSetFile
{
    public static async Task<TrainingSetManifest> WriteAsync(TrainingSetJob job, string outputPath, ArrowCompression compression, CancellationToken cancellationToken)
    {
        var table = await job.ExecuteAsync(cancellationToken).ConfigureAwait(false);
        Directory.CreateDirectory(Path.GetDirectoryName(outputPath)!);
        await ArrowIpcFiles.WriteAsync(outputPath, table.Batches().Select(ArrowBatches.ToArrow), ArrowBatches.ToArrowSchema(table.Schema), compression, cancellationToken)
            .ConfigureAwait(false);

        // The Arrow file is in place; it is removed again when its manifest cannot be written, so neither stays alone.
        var manifestPath = ManifestJson.PathFor(outputPath);
        var temporary = $"{manifestPath}.tmp-{Guid.NewGuid():N}";
        try
        {
            var manifest = TrainingSetWriter.Manifest(table.TrainingSet, FileFingerprint.Of(outputPath));
            await File.WriteAllTextAsync(temporary, ManifestJson.Serialize(manifest), cancellationToken).ConfigureAwait(false);
            File.Move(temporary, manifestPath, overwrite: true);
            return manifest;
        }
        catch (Exception e)
        {
            File.Delete(temporary);
            File.Delete(outputPath);
            if (e is TrainingSetException)
            {
                throw new CliUserException(e.Message);
            }

            throw;
        }
    }
}
