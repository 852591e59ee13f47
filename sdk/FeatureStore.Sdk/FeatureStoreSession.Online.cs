using FeatureStore.Client;
using FeatureStore.Materialization.Running;
using FeatureStore.Registry.Model;
using FeatureStore.Registry.Storage;
using FeatureStore.Sdk.Errors;
using FeatureStore.Sdk.Online;

namespace FeatureStore.Sdk;

// The online side: materialization into the configured online store, and reading it directly (no feature server).
public sealed partial class FeatureStoreSession
{
    /// <summary>
    /// Backfills the latest row per entity with event time in [<paramref name="start"/>, <paramref name="end"/>] (both
    /// inclusive) of every online view (or <see cref="MaterializeOptions.Views"/>) into the online store. Writes are
    /// guarded by event time, so a re-run changes nothing; an interrupted run resumes its durable partitions.
    /// </summary>
    /// <exception cref="FeatureStoreException">Nothing applied, an end in the future, an unknown view, an unreachable store;
    /// <see cref="MaterializationFailedException"/> when some views failed (the others are durable).</exception>
    public Task<MaterializationSummary> MaterializeAsync(
        DateTimeOffset start,
        DateTimeOffset end,
        MaterializeOptions? options = null,
        IProgress<MaterializationProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        RunMaterializerAsync(options, progress, (materializer, views) => materializer.MaterializeAsync(start, end, views, cancellationToken));

    /// <summary>
    /// Continues each online view from its watermarks up to <paramref name="end"/> (default now): rows with a later event
    /// time, and for sources with a created column rows created since the last run whatever their event time (late data).
    /// </summary>
    /// <exception cref="FeatureStoreException">As <see cref="MaterializeAsync"/>.</exception>
    public Task<MaterializationSummary> MaterializeIncrementalAsync(
        DateTimeOffset? end = null,
        MaterializeOptions? options = null,
        IProgress<MaterializationProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        RunMaterializerAsync(options, progress, (materializer, views) => materializer.MaterializeIncrementalAsync(end, views, cancellationToken));

    /// <summary>
    /// The recorded runs (newest first, at most <paramref name="limit"/>) and the watermarks, of one view when given: a
    /// bare name covers every live version of the view (runs are kept per version: the name for version 1,
    /// <c>name@N</c> otherwise), <c>name@N</c> one version.
    /// </summary>
    public Task<MaterializationHistory> GetMaterializationRunsAsync(string? view = null, int limit = 20, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return FeatureStoreErrors.GuardAsync(async () =>
        {
            var keys = view is null ? null : await MaterializationKeysAsync(view, cancellationToken).ConfigureAwait(false);
            var runs = new List<MaterializationRunRecord>();
            foreach (var key in keys ?? [null])
                runs.AddRange(await Registry.GetRunsAsync(Project, key, limit, cancellationToken).ConfigureAwait(false));
            var marks = await Registry.GetWatermarksAsync(Project, cancellationToken).ConfigureAwait(false);
            return new MaterializationHistory(
                [.. runs.OrderByDescending(r => r.StartedAt).Take(limit)],
                [.. marks.Where(m => keys is null || keys.Contains(m.View))]);
        });
    }

    /// <summary>
    /// The run and watermark keys a view reference stands for: every live version's for a bare name, the pinned version's
    /// for <c>name@N</c>, and the reference itself when it names no live view (runs of a removed view are still listed).
    /// </summary>
    private async Task<IReadOnlyList<string?>> MaterializationKeysAsync(string view, CancellationToken cancellationToken)
    {
        var definitions = (await LoadStateAsync(cancellationToken).ConfigureAwait(false)).ToDefinitions();
        if (LiveViews.Find(definitions, view, out _) is not { } live)
            return [view];
        var versions = live.Label == live.Definition.Name ? LiveViews.Versions(live.Definition) : [live.Definition];
        return [.. versions.Select(LiveView.MaterializationKey).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>
    /// Reads online values straight from the configured online store (for notebooks and batch jobs; model servers call
    /// the feature server with the same <see cref="OnlineFeatureQuery"/>). Features are resolved against the applied
    /// registry and TTLs are judged at the session clock's now, as the feature server does.
    /// </summary>
    /// <exception cref="FeatureStoreException">Unknown features, missing or mistyped join-key columns
    /// (<see cref="FeatureStoreErrorCode.InvalidOnlineRequest"/>), or an unreachable store.</exception>
    public Task<OnlineFeatureTable> GetOnlineFeaturesAsync(OnlineFeatureQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return FeatureStoreErrors.GuardAsync(async () =>
        {
            var definitions = (await LoadStateAsync(cancellationToken).ConfigureAwait(false)).ToDefinitions();
            var plan = OnlineReadPlan.Build(Project, definitions, query.ToRequest());
            var readAt = settings.Clock.GetUtcNow();
            var result = await Online().ReadAsync([.. plan.Views.Select(v => v.Request)], cancellationToken).ConfigureAwait(false);
            return OnlineResultBuilder.Build(plan, result, readAt);
        });
    }

    private async Task<MaterializationSummary> RunMaterializerAsync(
        MaterializeOptions? options,
        IProgress<MaterializationProgress>? progress,
        Func<Materializer, IReadOnlyList<string>?, Task<MaterializationSummary>> run)
    {
        options ??= MaterializeOptions.Default;
        if (options.MaxRowsPerSecond is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxRowsPerSecond, "MaxRowsPerSecond must be positive");
        }

        if (options.EntitiesPerPartition is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.EntitiesPerPartition, "EntitiesPerPartition must be positive");
        }

        if (options.MemoryBudgetBytes is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MemoryBudgetBytes, "MemoryBudgetBytes must be positive");
        }

        var defaults = new MaterializerOptions();
        var materializerOptions = new MaterializerOptions
        {
            MaxRowsPerSecond = options.MaxRowsPerSecond,
            EntitiesPerPartition = options.EntitiesPerPartition ?? defaults.EntitiesPerPartition,
            MemoryBudgetBytes = options.MemoryBudgetBytes ?? defaults.MemoryBudgetBytes,
            Progress = progress is null ? null : new ProgressReporter(progress),
            Clock = settings.Clock,
        };
        var summary = await FeatureStoreErrors.GuardAsync(() =>
            run(new Materializer(Registry, Online(), Project, RepoDir, materializerOptions), options.Views is { Count: > 0 } views ? views : null)).ConfigureAwait(false);
        return summary.Succeeded ? summary : throw new MaterializationFailedException(summary);
    }
}
