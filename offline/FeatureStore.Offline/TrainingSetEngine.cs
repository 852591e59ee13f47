using FeatureStore.Registry.Model;

namespace FeatureStore.Offline;

/// <summary>
/// Builds point-in-time-correct training sets: resolve the request against the registry, read the spine, then per view
/// plan the source (pruning), match (sort-merge ASOF on key and timestamp columns only) and gather the winners' values.
/// </summary>
public static class TrainingSetEngine
{
    public static TrainingSet Build(RegistrySnapshot registry, TrainingSetRequest request, CancellationToken cancellationToken = default) =>
        Build(registry, request, encodeOutput: false, cancellationToken);

    /// <summary>
    /// Builds the training set and writes it (Parquet + manifest, atomically, as <see cref="TrainingSetWriter.Write"/>). Faster
    /// than Build then Write: the output's columns are encoded while the join still runs (spine first, then view by view).
    /// </summary>
    public static WrittenTrainingSet BuildToFile(RegistrySnapshot registry, TrainingSetRequest request, string outputPath, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputPath);
        var trainingSet = Build(registry, request, encodeOutput: true, cancellationToken);
        return new WrittenTrainingSet(trainingSet, TrainingSetWriter.Write(trainingSet, outputPath, cancellationToken));
    }

    private static TrainingSet Build(RegistrySnapshot registry, TrainingSetRequest request, bool encodeOutput, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(request);
        if (request.MemoryBudgetBytes < 64 << 10)
        {
            throw new TrainingSetException($"memory budget {request.MemoryBudgetBytes} bytes is too small: give at least 64KB");
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        void Phase(string name)
        {
            request.Progress?.Invoke($"{name}: {watch.Elapsed.TotalSeconds:F2}s");
        }

        var views = FeatureResolver.Resolve(registry, request);
        var keyTypes = new Dictionary<string, FeatureType>(StringComparer.Ordinal);
        foreach (var key in views.SelectMany(v => v.JoinKeys))
        {
            keyTypes.TryAdd(key.Name, key.Type);
        }

        var spine = SpineReader.Read(request, keyTypes);
        OutputNames.Check(views, [.. spine.Batch.Schema.Fields.Select(f => f.Name)], request.StatusColumns);
        Phase($"spine read ({spine.RowCount} rows)");

        // Read the sources' footers and check every file's columns before the heavy work, so a bad reference or a file that
        // cannot feed the declared types fails in milliseconds, before any output exists.
        var minT = spine.RowCount == 0 ? 0 : spine.Timestamps.Min();
        var maxT = spine.RowCount == 0 ? 0 : spine.Timestamps.Max();
        var plans = views.Select(view => SourcePlan.Create(view, SourcePlan.FindFiles(view), minT, maxT)).ToList();

        // Output columns are encoded as soon as they exist (the spine now, each view once gathered), overlapping the join.
        var featureCount = views.Sum(v => v.Features.Count);
        var firstFeature = views.Select((_, v) => views.Take(v).Sum(w => w.Features.Count)).ToArray();
        OutputChunks? chunks = null;
        if (encodeOutput)
        {
            var schema = TrainingSetSchema.For(spine.Batch.Schema, views.SelectMany(v => v.Features), request.StatusColumns);
            chunks = new OutputChunks(schema, spine.RowCount, spine.Batch.Columns.Count, featureCount);
            chunks.StartSpine(spine.Batch);
        }

        var fingerprints = new FingerprintTask([.. spine.InMemory ? [] : new[] { spine.Path }, .. plans.SelectMany(p => p.Files.Select(f => f.Path))]);
        var spineKeys = new SpineKeyCache(spine);
        var concurrentViews = Math.Clamp(request.MaxParallelism, 1, Math.Max(1, views.Count));
        var viewRequest = request with { MemoryBudgetBytes = Math.Max(64 << 10, request.MemoryBudgetBytes / concurrentViews) };
        var results = new ViewResult[views.Count];

        // Views run side by side (each also parallel inside) so one view's serial steps overlap another's reads.
        ParallelWork.ForEach(Enumerable.Range(0, views.Count), concurrentViews, cancellationToken, () => new NoState(), (v, _) =>
        {
            var view = views[v];
            var keys = spineKeys.For(view);
            var plan = plans[v];
            var match = ViewMatcher.Match(view, plan, keys.Index, keys.Groups, spine.RowCount, minT, maxT, viewRequest, cancellationToken);
            Phase($"{view.Name}: matched ({plan.Units.Count}/{plan.RowGroups.Count} row groups, {match.CandidateRows} candidate rows, {match.Partitions} partitions)");
            var features = ValueGatherer.Gather(view, plan, match, viewRequest, cancellationToken);
            Phase($"{view.Name}: gathered");
            chunks?.StartFeatures(firstFeature[v], features, request.StatusColumns);
            results[v] = new ViewResult(
                features,
                [.. plan.Files.Select(f => new SourceFileRecord(view.Name, f.Path, plan.FilesRead.Contains(f.Path)))],
                new ViewStatistics(view.Name, plan.Units.Count, plan.Units.Count(u => u.Kind == UnitKind.BelowWindow), plan.RowGroups.Count, match.CandidateRows, match.Partitions, match.SpilledBytes));
        });

        var features = results.SelectMany(r => r.Features).ToList();
        var files = results.SelectMany(r => r.Files).ToList();
        var statistics = results.Select(r => r.Statistics).ToList();
        return new TrainingSet(request, spine, views, features, files, statistics) { Project = registry.Definitions.Project, Fingerprints = fingerprints, EarlyChunks = chunks };
    }

    private sealed record ViewResult(IReadOnlyList<FeatureColumn> Features, IReadOnlyList<SourceFileRecord> Files, ViewStatistics Statistics);

    private sealed class NoState : IDisposable
    {
        public void Dispose()
        {
        }
    }

    /// <summary>Loads the repo's registry, builds the training set and writes it (Parquet + manifest) atomically.</summary>
    public static async Task<TrainingSetManifest> BuildToFileAsync(TrainingSetRequest request, string outputPath, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var registry = await RegistrySnapshot.LoadAsync(request.RepoDir, cancellationToken).ConfigureAwait(false);
        return BuildToFile(registry, request, outputPath, cancellationToken).Manifest;
    }
}
