using FeatureStore.Online;
using FeatureStore.Parquet;
using FeatureStore.Registry.Storage;
using FeatureStore.Sdk.Erasure;
using FeatureStore.Sdk.Errors;

namespace FeatureStore.Sdk;

// Erasure (right to be forgotten): an entity's rows out of the online store and the offline Parquet history.
public sealed partial class FeatureStoreSession
{
    /// <summary>Erases one entity; see <see cref="EraseEntityAsync(IReadOnlyList{ErasureTarget}, EraseOptions?, CancellationToken)"/>.</summary>
    public Task<ErasureReport> EraseEntityAsync(string joinKey, object value, EraseOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(joinKey);
        ArgumentNullException.ThrowIfNull(value);
        return EraseEntityAsync([new ErasureTarget(joinKey, value)], options, cancellationToken);
    }

    /// <summary>
    /// Erases entities by join-key value from every feature view keyed by that join key (alone or with other keys):
    /// their rows are deleted from the configured online store (every stored version of each view), and every Parquet
    /// file of those views' sources holding a row with the value is rewritten without those rows (written aside in its
    /// folder, flushed, renamed over the original; files without the value are left alone, temporary files of a killed
    /// run are removed first, so a re-run finishes an interrupted erasure). Online keys of composite-key views are the
    /// keys of the offline rows being erased, so the online side is erased first. One audit line (action "erase") names
    /// each entity by a hash of its value, never the value. Training sets recorded in the registry whose output holds
    /// the entity are listed (their manifests then verify as changed). With <see cref="EraseOptions.DryRun"/> nothing
    /// changes. Stop ingestion into the affected sources while erasing, or erase again after.
    /// </summary>
    /// <exception cref="FeatureStoreException"><see cref="FeatureStoreErrorCode.NotFound"/> for a join key no registered entity
    /// has; <see cref="FeatureStoreErrorCode.Erasure"/> for a value that does not parse as the key's type or a file that
    /// cannot be read or rewritten; an unreachable online store or registry.</exception>
    public async Task<ErasureReport> EraseEntityAsync(IReadOnlyList<ErasureTarget> entities, EraseOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entities);
        options ??= EraseOptions.Default;
        if (entities.Count == 0)
            throw new FeatureStoreException(FeatureStoreErrorCode.Erasure, "nothing to erase: give at least one entity as JOIN_KEY=VALUE");
        var state = await FeatureStoreErrors.GuardAsync(() => LoadStateAsync(cancellationToken)).ConfigureAwait(false);
        if (state.Revision == 0)
        {
            throw new FeatureStoreException(FeatureStoreErrorCode.NotFound,
                $"project '{Project}' has nothing registered; {FeatureStoreHint.ApplyFirst.Text()}", hint: FeatureStoreHint.ApplyFirst);
        }

        var scope = ErasureScope.Resolve(state.ToDefinitions(), entities);
        var files = scope.Sources.SelectMany(s => ParquetDataset.FindFiles(Path.GetFullPath(s.Source.Path, RepoDir)).Select(f => (File: f, Source: s))).ToList();
        var strays = options.DryRun ? 0 : ParquetFileEraser.RemoveStrayTemps(files.Select(f => Path.GetDirectoryName(f.File.Path)!).Distinct(StringComparer.Ordinal));
        var scans = files
            .OrderBy(f => f.File.Path, StringComparer.Ordinal)
            .Select(f => ParquetFileEraser.Scan(f.File, f.Source, cancellationToken))
            .Where(s => s.Matched > 0)
            .ToList();

        var online = await OnlineTargetsAsync(scope, scans, cancellationToken).ConfigureAwait(false);
        var onlineKeys = await DeleteOnlineAsync(online, options.DryRun, cancellationToken).ConfigureAwait(false);
        if (!options.DryRun)
        {
            foreach (var scan in scans)
                ParquetFileEraser.Rewrite(scan, cancellationToken);
            // Again after the rewrite: a materialization that read the old files meanwhile cannot bring a row back.
            await DeleteOnlineAsync(online, dryRun: false, cancellationToken).ConfigureAwait(false);
        }

        var trainingSets = await AffectedTrainingSetsAsync(scope, cancellationToken).ConfigureAwait(false);
        var report = new ErasureReport(
            options.DryRun,
            [.. scope.Keys.Select(k => new ErasedEntity(k.JoinKey, k.Text, k.AuditSubject))],
            [.. scope.Views.Select(v => new ErasedView(v.View.Name, v.View.Version, [.. v.Keys.Select(k => k.Name)], v.View.Online))],
            onlineKeys,
            [.. scans.Select(s => new ErasedFile(s.File.Path, s.Source.Source.Name, s.Rows, s.Matched, s.WholeFile))],
            trainingSets,
            strays);
        if (!options.DryRun)
        {
            var actor = options.Actor is { Length: > 0 } given ? given : ApplyOptions.Default.EffectiveActor;
            await RecordAuditAsync([ErasureAudit.Entry(report, actor, settings.Clock.GetUtcNow())], cancellationToken).ConfigureAwait(false);
        }

        return report;
    }

    /// <summary>
    /// Per online view version (the current one and any other the store still holds), the keys to delete: the erased
    /// value itself for a view keyed by that join key alone, and the keys of the erased offline rows.
    /// </summary>
    private async Task<List<(OnlineViewRef View, ScopedView Scoped, List<EntityKey> Keys)>> OnlineTargetsAsync(
        ErasureScope scope, IReadOnlyList<SourceFileScan> scans, CancellationToken cancellationToken)
    {
        var views = scope.Views.Where(v => v.View.Online).ToList();
        if (views.Count == 0)
            return [];
        var stored = await FeatureStoreErrors.GuardAsync(() => Online().GetNewestEventTimestampsAsync(Project, cancellationToken)).ConfigureAwait(false);
        var targets = new List<(OnlineViewRef, ScopedView, List<EntityKey>)>();
        // Live versions of one view read by several scoped entries (different sources) merge their keys per version.
        foreach (var group in views.GroupBy(v => v.View.Name, StringComparer.Ordinal))
        {
            var view = group.First();
            var keys = new HashSet<EntityKey>();
            foreach (var scoped in group)
            {
                if (scoped.Keys.Count == 1)
                    keys.UnionWith(scoped.Erased.Select(e => EntityKey.Of(e.Part(scoped.Keys[0].Type))));
                foreach (var scan in scans)
                {
                    if (scan.Keys.TryGetValue(scoped, out var found))
                        keys.UnionWith(found);
                }
            }

            var versions = stored.Keys.Where(r => r.View == view.View.Name).Select(r => r.Version)
                .Concat(group.Select(v => v.View.Version)).Distinct().Order();
            var ordered = keys.OrderBy(k => KeyPartReader.Describe(view.Keys, k), StringComparer.Ordinal).ToList();
            targets.AddRange(versions.Select(version => (new OnlineViewRef(Project, view.View.Name, version), view, ordered)));
        }

        return targets;
    }

    private async Task<IReadOnlyList<ErasedOnlineKey>> DeleteOnlineAsync(
        List<(OnlineViewRef View, ScopedView Scoped, List<EntityKey> Keys)> targets, bool dryRun, CancellationToken cancellationToken)
    {
        var store = targets.Count == 0 ? null : Online();
        var report = new List<ErasedOnlineKey>();
        foreach (var (view, scoped, keys) in targets)
        {
            if (keys.Count == 0)
                continue;
            var read = await FeatureStoreErrors.GuardAsync(() => store!.ReadAsync([new OnlineReadRequest(view, [], keys)], cancellationToken)).ConfigureAwait(false);
            if (!dryRun)
                await FeatureStoreErrors.GuardAsync(() => store!.DeleteEntitiesAsync(view, keys, cancellationToken)).ConfigureAwait(false);
            var rows = read.Requests[0].Rows;
            for (var i = 0; i < keys.Count; i++)
                report.Add(new ErasedOnlineKey(view.View, view.Version, KeyPartReader.Describe(scoped.Keys, keys[i]), rows[i].Found));
        }

        return report;
    }

    private async Task<IReadOnlyList<AffectedTrainingSet>> AffectedTrainingSetsAsync(ErasureScope scope, CancellationToken cancellationToken)
    {
        var recorded = await FeatureStoreErrors.GuardAsync(() => Registry.GetTrainingSetsAsync(Project, cancellationToken)).ConfigureAwait(false);
        var affected = new List<AffectedTrainingSet>();
        foreach (var manifest in recorded.Select(r => r.ManifestPath).Distinct(StringComparer.Ordinal))
        {
            if (await TrainingSetScan.FindAsync(manifest, scope.Keys, cancellationToken).ConfigureAwait(false) is { } found)
                affected.Add(found);
        }

        return affected;
    }
}
