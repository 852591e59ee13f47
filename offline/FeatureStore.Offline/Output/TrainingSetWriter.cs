using FeatureStore.Parquet;
using FeatureStore.Registry.Model;
using FeatureStore.Registry.Yaml;

namespace FeatureStore.Offline;

/// <summary>
/// Writes a training set as Parquet plus its manifest. Both go to temporary names in the destination folder and are renamed
/// only when complete, so an error (or a kill) never leaves a partial training set behind.
/// </summary>
public static class TrainingSetWriter
{
    public static TrainingSetManifest Write(TrainingSet trainingSet, string outputPath, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trainingSet);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputPath);
        var output = Path.GetFullPath(outputPath);
        var directory = Path.GetDirectoryName(output)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(output)}.{Guid.NewGuid():N}.tmp");
        var manifestPath = ManifestJson.PathFor(output);
        var manifestTemporary = temporary + ".manifest";
        var watch = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            string outputHash;
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
            using (var stream = new HashingWriteStream(file))
            {
                var chunks = trainingSet.EncodeChunks();
                using (var writer = ParquetFileWriter.Create(stream, trainingSet.Schema, OutputChunks.Options, leaveOpen: true))
                {
                    foreach (var rowGroup in chunks.RowGroups(cancellationToken))
                    {
                        writer.WriteRowGroup(rowGroup);
                        foreach (var chunk in rowGroup)
                        {
                            chunk.Release();
                        }
                    }

                    writer.Close();
                }

                file.Flush(flushToDisk: true);
                outputHash = stream.HashHex();
            }

            trainingSet.Request.Progress?.Invoke($"write parquet: {watch.Elapsed.TotalSeconds:F2}s");
            watch.Restart();
            var manifest = BuildManifest(trainingSet, temporary, output, outputHash);
            trainingSet.Request.Progress?.Invoke($"manifest: {watch.Elapsed.TotalSeconds:F2}s");
            File.WriteAllText(manifestTemporary, ManifestJson.Serialize(manifest));
            File.Move(temporary, output, overwrite: true);
            File.Move(manifestTemporary, manifestPath, overwrite: true);
            return manifest;
        }
        catch
        {
            File.Delete(temporary);
            File.Delete(manifestTemporary);
            throw;
        }
    }

    private static TrainingSetManifest BuildManifest(TrainingSet trainingSet, string writtenFile, string outputPath, string outputHash)
    {
        var info = new FileInfo(writtenFile);
        return Manifest(trainingSet, new FileFingerprint(outputPath, info.Length, new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero), outputHash));
    }

    /// <summary>
    /// The manifest of a training set delivered in another form (an Arrow IPC file, an Arrow Flight stream): what it was
    /// built from, with <paramref name="output"/> recorded as the output.
    /// </summary>
    public static TrainingSetManifest Manifest(TrainingSet trainingSet, FileFingerprint output)
    {
        ArgumentNullException.ThrowIfNull(trainingSet);
        ArgumentNullException.ThrowIfNull(output);
        var request = trainingSet.Request;
        var sourceFiles = new List<ManifestSourceFile>();
        foreach (var file in trainingSet.SourceFiles)
        {
            try
            {
                sourceFiles.Add(new ManifestSourceFile(file.View, file.Read, trainingSet.Fingerprints?.Get(file.Path) ?? FileFingerprint.Of(file.Path)));
            }
            catch (IOException e)
            {
                throw new TrainingSetException($"cannot fingerprint source file {file.Path} of feature view '{file.View}': {e.Message}", e);
            }
        }

        return new TrainingSetManifest
        {
            CreatedAt = DateTimeOffset.UtcNow,
            Project = trainingSet.Project,
            RepoDir = Path.GetFullPath(request.RepoDir),
            Output = output,
            OutputRows = trainingSet.RowCount,
            Spine = SpineFingerprint.Of(trainingSet.Spine, trainingSet.Fingerprints),
            SpineRows = trainingSet.RowCount,
            Parameters = new ManifestParameters(
                request.Features, request.FeatureService, request.FullFeatureNames, request.AsOfCreated,
                request.AsOfCreatedByView, request.StatusColumns, request.TimestampColumn, request.MemoryBudgetBytes),
            Features = [.. trainingSet.Features.Select(f => new ManifestFeature(
                f.Feature.Reference,
                f.Feature.OutputName,
                f.View.Name,
                f.View.Definition.Version,
                f.View.RegistryVersion,
                f.Feature.Definition.Type.Name(),
                f.View.Definition.Ttl is { } ttl ? DurationParser.Format(ttl) : null,
                f.View.AsOfCreated,
                f.Feature.Definition.Pii.ToString().ToLowerInvariant()))],
            Sources = [.. trainingSet.Views.Select(v => new ManifestSource(v.Name, v.Source.Name, v.SourcePath, v.Source.TimestampField, v.Source.CreatedTimestampField))],
            SourceFiles = sourceFiles,
            StatusCounts = trainingSet.StatusCounts().ToDictionary(
                e => e.Key,
                e => (IReadOnlyDictionary<string, long>)e.Value.ToDictionary(c => c.Key.Name(), c => c.Value, StringComparer.Ordinal),
                StringComparer.Ordinal),
            Principal = request.Principal,
            Purpose = request.Purpose,
        };
    }
}
