using System.Globalization;
using FeatureStore.Materialization.Source;
using FeatureStore.Materialization.Spill;
using FeatureStore.Online;
using FeatureStore.Registry.Model;
using FeatureStore.Registry.Storage;

namespace FeatureStore.Materialization.Running;

/// <summary>
/// Copies the latest feature values per entity from a project's registered views (their Parquet sources) into the
/// online store. <see cref="MaterializeAsync"/> backfills an event-time range; <see cref="MaterializeIncrementalAsync"/>
/// continues from each view's watermarks, following created (ingestion) time as well, so late rows with old event times
/// are picked up. Only views with <c>online: true</c> take part, each with every live version (see <see cref="ViewSelection"/>);
/// watermarks and run records are kept per version under <see cref="LiveView.MaterializationKey"/>. Definitions are the
/// registry's applied ones.
/// </summary>
public sealed class Materializer(IRegistryStore registry, IOnlineStore online, string project, string repoDir, MaterializerOptions? options = null)
{
    private readonly MaterializerOptions options = options ?? new MaterializerOptions();

    /// <summary>Backfills rows with event time in [<paramref name="start"/>, <paramref name="end"/>] (both inclusive).</summary>
    public async Task<MaterializationSummary> MaterializeAsync(
        DateTimeOffset start, DateTimeOffset end, IReadOnlyList<string>? views = null, CancellationToken ct = default)
    {
        var now = options.Clock.GetUtcNow();
        CheckEnd(end, now);
        if (start > end)
            throw new MaterializationException($"START {Format(start)} is after END {Format(end)}");
        var (definitions, selected, marks) = await LoadAsync(views, ct).ConfigureAwait(false);
        var plans = selected.Select(view =>
        {
            var source = SourceOf(definitions, view);
            var mark = marks.GetValueOrDefault(LiveView.MaterializationKey(view));
            // Advancing past a gap would make incremental runs skip it, so only a range touching the watermark moves it.
            var contiguous = mark is null || start.UtcTicks <= mark.EventWatermark.UtcTicks + 1;
            var created = contiguous && source.CreatedTimestampField is not null && mark?.CreatedWatermark is null ? now : (DateTimeOffset?)null;
            return new ViewRunPlan(view, source, definitions.Entities, new MaterializationWindow(start.UtcTicks, end.UtcTicks), contiguous, created);
        });
        return await RunAsync(plans, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Materializes, per view, rows with event time after its event watermark up to <paramref name="end"/> (default now)
    /// plus, for sources with a created column, rows created after its created watermark (up to now) whatever their
    /// event time. Sources without a created column follow event time only. A view version never materialized (a new
    /// view, or one whose version was just bumped) starts from the beginning of its history.
    /// </summary>
    public async Task<MaterializationSummary> MaterializeIncrementalAsync(DateTimeOffset? end = null, IReadOnlyList<string>? views = null, CancellationToken ct = default)
    {
        var now = options.Clock.GetUtcNow();
        var until = end ?? now;
        CheckEnd(until, now);
        var (definitions, selected, marks) = await LoadAsync(views, ct).ConfigureAwait(false);
        var plans = selected.Select(view =>
        {
            var source = SourceOf(definitions, view);
            var mark = marks.GetValueOrDefault(LiveView.MaterializationKey(view));
            var eventStart = mark is null ? long.MinValue : mark.EventWatermark.UtcTicks + 1;
            var window = source.CreatedTimestampField is null
                ? new MaterializationWindow(eventStart, until.UtcTicks)
                : new MaterializationWindow(eventStart, until.UtcTicks, mark?.CreatedWatermark is { } c ? c.UtcTicks + 1 : long.MinValue, now.UtcTicks);
            return new ViewRunPlan(view, source, definitions.Entities, window, AdvanceEvent: true, source.CreatedTimestampField is null ? null : now);
        });
        return await RunAsync(plans, ct).ConfigureAwait(false);
    }

    private async Task<MaterializationSummary> RunAsync(IEnumerable<ViewRunPlan> plans, CancellationToken ct)
    {
        await StaleRuns.MarkAbandonedAsync(registry, project, options, ct).ConfigureAwait(false);
        var running = await registry.GetRunningRunsAsync(project, ct).ConfigureAwait(false);
        SpillDirectory.DeleteOrphans(options.SpillDirectory ?? SpillDirectory.DefaultRoot(repoDir), project, running.Select(r => r.RunId).ToHashSet(StringComparer.Ordinal));
        var runId = NewRunId(options.Clock.GetUtcNow());
        var throttle = options.MaxRowsPerSecond is { } rate and > 0 ? new TokenBucket(rate, options.Clock) : null;
        var runner = new ViewRunner(registry, online, project, repoDir, runId, options, throttle);
        var results = new List<ViewMaterializationResult>();
        foreach (var plan in plans.ToList())
            results.Add(await runner.RunAsync(plan, ct).ConfigureAwait(false));
        return new MaterializationSummary(runId, results);
    }

    private async Task<(RegistryDefinitions Definitions, List<FeatureViewDefinition> Views, Dictionary<string, MaterializationWatermark> Marks)> LoadAsync(
        IReadOnlyList<string>? names, CancellationToken ct)
    {
        var state = await registry.LoadAsync(project, ct).ConfigureAwait(false);
        if (state.Revision == 0)
            throw new MaterializationException($"project '{project}' has nothing registered; run 'featurestore apply' first");
        var definitions = state.ToDefinitions();
        var selected = ViewSelection.Select(definitions, names);
        var marks = (await registry.GetWatermarksAsync(project, ct).ConfigureAwait(false)).ToDictionary(m => m.View, StringComparer.Ordinal);
        return (definitions, selected, marks);
    }

    private static DataSourceDefinition SourceOf(RegistryDefinitions definitions, FeatureViewDefinition view) =>
        definitions.DataSources.FirstOrDefault(s => s.Name == view.Source)
            ?? throw new MaterializationException($"feature view '{LiveView.MaterializationKey(view)}' reads data source '{view.Source}', which is not in the registry");

    private static void CheckEnd(DateTimeOffset end, DateTimeOffset now)
    {
        if (end > now)
            throw new MaterializationException($"END {Format(end)} is in the future (now {Format(now)}); data up to it has not all arrived yet");
    }

    private static string NewRunId(DateTimeOffset now) =>
        now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6];

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
