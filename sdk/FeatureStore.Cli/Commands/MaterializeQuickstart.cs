using System.Globalization;
using FeatureStore.Cli.Sample;
using FeatureStore.Materialization.Progress;
using FeatureStore.Materialization.Running;
using FeatureStore.Online;
using FeatureStore.Registry.Model;
using FeatureStore.Registry.Storage;
using FeatureStore.Registry.Yaml;

namespace FeatureStore.Cli.Commands;

/// <summary>
/// The quickstart's online step: materialize the (applied) sample repo incrementally up to now into its online store
/// (embedded SQLite by default), then print one online lookup of the first sample driver: values, event time, age.
/// </summary>
internal static class MaterializeQuickstart
{
    public static async Task RunAsync(string repoDir, TextWriter output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(output);
        var config = FeatureRepoLoader.LoadConfig(repoDir);
        await using var registry = await RegistrySession.OpenAsync(config, repoDir, ct).ConfigureAwait(false);
        await using var online = MaterializeSession.OpenOnline(config, repoDir);
        var materializer = new Materializer(registry, online, config.Project, repoDir, new MaterializerOptions { Progress = new ConsoleProgress(output, interactive: false, chunkLines: false) });
        await materializer.MaterializeIncrementalAsync(ct: ct).ConfigureAwait(false);

        var definitions = (await registry.LoadAsync(config.Project, ct).ConfigureAwait(false)).ToDefinitions();
        var view = definitions.FeatureViews.First(v => v.Name == "driver_hourly_stats");
        var driver = definitions.Entities.First(e => e.Name == "driver");
        var key = EntityKey.For(driver, [FeatureValue.FromInt64(SampleHistory.FirstDriverId)]);
        var names = view.Features.Select(f => f.Name).ToList();
        var result = await online.ReadAsync([new OnlineReadRequest(new OnlineViewRef(config.Project, view.Name, view.Version), names, [key])], ct).ConfigureAwait(false);
        var row = result.Requests[0].Rows[0];
        await output.WriteLineAsync($"online lookup: {view.Name} for driver_id={SampleHistory.FirstDriverId}").ConfigureAwait(false);
        if (!row.Found)
        {
            await output.WriteLineAsync("  not found").ConfigureAwait(false);
            return;
        }

        var age = DateTimeOffset.UtcNow - row.EventTimestamp;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"  event time {row.EventTimestamp.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}, age {(int)age.TotalHours}h{age.Minutes:00}m, ttl {(view.Ttl is { } ttl ? DurationParser.Format(ttl) : "none")}")).ConfigureAwait(false);
        for (var i = 0; i < names.Count; i++)
            await output.WriteLineAsync($"  {names[i]} = {(row.Values[i] is { } value ? value.ToString() : "(never stored)")}").ConfigureAwait(false);
    }
}
