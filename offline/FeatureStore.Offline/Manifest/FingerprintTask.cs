namespace FeatureStore.Offline;

/// <summary>Hashes the spine and every source file in the background while the join runs (the manifest needs them at the end).</summary>
internal sealed class FingerprintTask
{
    private readonly Task<Dictionary<string, FileFingerprint>> _task;

    public FingerprintTask(IEnumerable<string> paths)
    {
        var distinct = paths.Distinct(StringComparer.Ordinal).ToList();
        _task = Task.Run(() => distinct.ToDictionary(p => p, p => FileFingerprint.Of(p), StringComparer.Ordinal));
    }

    /// <summary>The fingerprint taken during the build; a file that could not be hashed then is hashed now (and fails with its error).</summary>
    public FileFingerprint Get(string path)
    {
        try
        {
            if (_task.GetAwaiter().GetResult().TryGetValue(path, out var fingerprint))
            {
                return fingerprint;
            }
        }
        catch (IOException)
        {
            // Fall through: hash it again so the error names this file.
        }

        return FileFingerprint.Of(path);
    }
}
