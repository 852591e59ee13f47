using FeatureStore.Offline;
using FeatureStore.Registry.Storage;
using FeatureStore.Sdk.Errors;
using FeatureStore.Sdk.Lineage;

namespace FeatureStore.Sdk;

// Lineage: where an object's data comes from, where it goes, its PII and who is granted it.
public sealed partial class FeatureStoreSession
{
    /// <summary>
    /// The lineage of every registered object called <paramref name="name"/> (data source, entity, feature view or
    /// feature service), or of a training set when <paramref name="name"/> is the path of its manifest
    /// (<c>OUTPUT.manifest.json</c>): upstream and downstream objects with owners, features with PII classes, and the
    /// principals holding grants on them. Downstream training sets are those the project recorded when writing them.
    /// </summary>
    /// <exception cref="FeatureStoreException"><see cref="FeatureStoreErrorCode.NotFound"/> when nothing has that name.</exception>
    public async Task<IReadOnlyList<LineageReport>> LineageAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var (state, trainingSets) = await FeatureStoreErrors.GuardAsync(async () =>
            (await LoadStateAsync(cancellationToken).ConfigureAwait(false), await Registry.GetTrainingSetsAsync(Project, cancellationToken).ConfigureAwait(false))).ConfigureAwait(false);
        var builder = new LineageBuilder(state, [.. trainingSets.Select(ReadManifest)]);
        if (name.EndsWith(".manifest.json", StringComparison.Ordinal) || File.Exists(name))
        {
            var path = Path.GetFullPath(name);
            var (_, manifest, problem) = ReadManifest(new TrainingSetRecord(path, default, "", 0));
            return manifest is not null
                ? [builder.ForManifest(path, manifest)]
                : throw new FeatureStoreException(FeatureStoreErrorCode.NotFound, $"training-set manifest '{name}' cannot be read: {problem}");
        }

        var reports = builder.ForName(name);
        return reports.Count > 0
            ? reports
            : throw new FeatureStoreException(FeatureStoreErrorCode.NotFound,
                $"no data source, entity, feature view or feature service named '{name}' in project '{Project}', and no manifest file at that path");
    }

    private static (TrainingSetRecord, TrainingSetManifest?, string?) ReadManifest(TrainingSetRecord record)
    {
        try
        {
            return (record, ManifestJson.Read(record.ManifestPath), null);
        }
        catch (Exception e) when (e is TrainingSetException or IOException or UnauthorizedAccessException)
        {
            return (record, null, e.Message.ReplaceLineEndings(" "));
        }
    }
}
