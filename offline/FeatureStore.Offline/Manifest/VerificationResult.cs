namespace FeatureStore.Offline;

/// <summary>
/// The outcome of checking a manifest: <see cref="Changes"/> lists every input (or the output) that no longer matches;
/// <see cref="Notes"/> holds facts that do not change the data (a file touched with the same content, a registry that could not be reached).
/// </summary>
public sealed record VerificationResult(IReadOnlyList<string> Changes, IReadOnlyList<string> Notes, int FilesChecked)
{
    public bool Unchanged => Changes.Count == 0;
}
