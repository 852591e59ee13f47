using FeatureStore.Parquet;
using FeatureStore.Registry.Model;

namespace FeatureStore.Offline;

/// <summary>
/// Re-fingerprints everything a manifest recorded: the spine, each source file (content hash), files that appeared in a
/// source since, the training set itself, and the registry versions of the views when the repo's registry is reachable.
/// </summary>
public static class ManifestVerifier
{
    public static async Task<VerificationResult> VerifyAsync(string manifestPath, CancellationToken cancellationToken = default)
    {
        var manifest = ManifestJson.Read(manifestPath);
        var changes = new List<string>();
        var notes = new List<string>();
        var checkedFiles = 0;
        void Check(string role, FileFingerprint recorded)
        {
            checkedFiles++;
            if (!File.Exists(recorded.Path))
            {
                changes.Add($"{role} {recorded.Path}: missing");
                return;
            }

            var now = FileFingerprint.Of(recorded.Path);
            if (now.Sha256 != recorded.Sha256)
            {
                changes.Add($"{role} {recorded.Path}: content changed (size {recorded.Size} -> {now.Size}, modified {recorded.ModifiedAt:O} -> {now.ModifiedAt:O})");
            }
            else if (now.ModifiedAt != recorded.ModifiedAt)
            {
                notes.Add($"{role} {recorded.Path}: touched at {now.ModifiedAt:O}, content unchanged");
            }
        }

        if (manifest.Spine.Path.StartsWith(InMemorySpine.ManifestPrefix, StringComparison.Ordinal))
        {
            notes.Add($"spine {manifest.Spine.Path}: given in memory, not checked (SHA-256 {manifest.Spine.Sha256})");
        }
        else
        {
            Check("spine", manifest.Spine);
        }
        foreach (var file in manifest.SourceFiles)
        {
            Check($"source of '{file.View}'", file.File);
        }

        foreach (var source in manifest.Sources)
        {
            var recorded = manifest.SourceFiles.Where(f => f.View == source.View).Select(f => f.File.Path).ToHashSet(StringComparer.Ordinal);
            foreach (var path in CurrentFiles(source.Path).Where(p => !recorded.Contains(p)))
            {
                changes.Add($"source of '{source.View}' {path}: new file");
            }
        }

        Check("training set", manifest.Output);
        await CheckRegistryAsync(manifest, changes, notes, cancellationToken).ConfigureAwait(false);
        return new VerificationResult(changes, notes, checkedFiles);
    }

    private static IEnumerable<string> CurrentFiles(string sourcePath)
    {
        try
        {
            return ParquetDataset.Open(sourcePath).Files.Select(f => Path.GetFullPath(f.Path));
        }
        catch (Exception e) when (e is ParquetException or IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static async Task CheckRegistryAsync(TrainingSetManifest manifest, List<string> changes, List<string> notes, CancellationToken cancellationToken)
    {
        RegistrySnapshot registry;
        try
        {
            registry = await RegistrySnapshot.LoadAsync(manifest.RepoDir, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            notes.Add($"registry of {manifest.RepoDir} not checked: {e.Message}");
            return;
        }

        foreach (var view in manifest.Features.GroupBy(f => f.View).Select(g => g.First()))
        {
            if (LiveViews.Find(registry.Definitions, view.View, out _) is not { } live)
            {
                changes.Add($"feature view '{view.View}': no longer in the registry");
            }
            else if (!live.IsNewest)
            {
                // A retained version is frozen: the registry version moves with the newest one, not with it.
                continue;
            }
            else if (registry.FeatureViewVersions.GetValueOrDefault(live.Definition.Name) is var version && version != view.RegistryVersion)
            {
                changes.Add($"feature view '{view.View}': registry version {view.RegistryVersion} -> {version}");
            }
        }
    }
}
