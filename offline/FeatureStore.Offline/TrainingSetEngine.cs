using FeatureStore.Registry.Model;

namespace FeatureStore.Offline;

/// <summary>
/// Builds point-in-time-correct training sets: resolve the request against the registry, read the spine, then per view
/// plan the source (pruning), match (sort-merge ASOF on key and timestamp columns only) and gather the winners' values.
/// </summary>
public static class TrainingSetEngine
{
    public static TrainingSet Build(RegistrySnapshot registry, TrainingSetRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(request);
        if (request.MemoryBudgetBytes < 64 << 10)
        {
            throw new TrainingSetException($"memory budget {request.MemoryBudgetBytes} bytes is too small: give at least 64KB");
        }

        var views = FeatureResolver.Resolve(registry, request);
        var keyTypes = new Dictionary<string, FeatureType>(StringComparer.Ordinal);
        foreach (var key in views.SelectMany(v => v.JoinKeys))
        {
            keyTypes.TryAdd(key.Name, key.Type);
        }

        var spine = SpineReader.Read(Path.GetFullPath(request.SpinePath), request.TimestampColumn, keyTypes);
        OutputNames.Check(views, [.. spine.Batch.Schema.Fields.Select(f => f.Name)], request.StatusColumns);

        // Open and check every source before the heavy work, so a bad reference fails in milliseconds.
        var datasets = views.Select(view =>
        {
            var dataset = SourcePlan.OpenDataset(view);
            SourceColumns.Check(view, dataset.Schema);
            return dataset;
        }).ToList();

        var minT = spine.RowCount == 0 ? 0 : spine.Timestamps.Min();
        var maxT = spine.RowCount == 0 ? 0 : spine.Timestamps.Max();
        var features = new List<FeatureColumn>();
        var files = new List<SourceFileRecord>();
        var statistics = new List<ViewStatistics>();
        for (var v = 0; v < views.Count; v++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var view = views[v];
            var keys = KeyIndex.Build(view, spine, out var spineKeyIds);
            var groups = SpineGroups.Build(spineKeyIds, spine.Timestamps, keys.Count);
            var plan = SourcePlan.Create(view, datasets[v], minT, maxT);
            var match = ViewMatcher.Match(view, plan, keys, groups, spine.RowCount, minT, maxT, request, cancellationToken);
            features.AddRange(ValueGatherer.Gather(view, plan, match, request, cancellationToken));
            files.AddRange(datasets[v].Files.Select(f => new SourceFileRecord(view.Name, f.Path, plan.FilesRead.Contains(f.Path))));
            statistics.Add(new ViewStatistics(view.Name, plan.Units.Count, plan.RowGroups.Count, match.CandidateRows, match.Partitions, match.SpilledBytes));
        }

        return new TrainingSet(request, spine, views, features, files, statistics) { Project = registry.Definitions.Project };
    }

    /// <summary>Loads the repo's registry, builds the training set and writes it (Parquet + manifest) atomically.</summary>
    public static async Task<TrainingSetManifest> BuildToFileAsync(TrainingSetRequest request, string outputPath, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var registry = await RegistrySnapshot.LoadAsync(request.RepoDir, cancellationToken).ConfigureAwait(false);
        var trainingSet = Build(registry, request, cancellationToken);
        return TrainingSetWriter.Write(trainingSet, outputPath, cancellationToken);
    }
}
