using System.Globalization;
using FeatureStore.Cli.Sample;
using FeatureStore.Client;
using FeatureStore.Materialization.Progress;
using FeatureStore.Offline;
using FeatureStore.Registry.Yaml;
using FeatureStore.Sdk;
using FeatureStore.Sdk.Listing;

namespace FeatureStore.Cli.Commands;

/// <summary>
/// The quickstart's online step: materialize the (applied) sample repo incrementally up to now into its online store
/// (embedded SQLite by default), then print one direct online lookup of the first sample driver: values, event time, age.
/// </summary>
internal static class MaterializeQuickstart
{
    public static async Task RunAsync(FeatureStoreSession store, RegistryListing listing, TextWriter output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(output);
        var progress = new ConsoleMaterializationProgress(new ConsoleProgress(output, interactive: false, chunkLines: false));
        await store.MaterializeIncrementalAsync(progress: progress, cancellationToken: ct).ConfigureAwait(false);

        var view = listing.FeatureViews.First(v => v.Name == "driver_hourly_stats").Definition;
        var names = view.Features.Select(f => f.Name).ToList();
        var query = OnlineFeatureQuery.ForFeatures([.. names.Select(n => $"{view.Name}:{n}")]).WithEntities("driver_id", SampleHistory.FirstDriverId);
        var result = await store.GetOnlineFeaturesAsync(query, ct).ConfigureAwait(false);
        await output.WriteLineAsync($"online lookup: {view.Name} for driver_id={SampleHistory.FirstDriverId}").ConfigureAwait(false);
        if (names.All(n => result.GetEventTimestamp(0, n) is null))
        {
            await output.WriteLineAsync("  not found").ConfigureAwait(false);
            return;
        }

        var eventTime = names.Select(n => result.GetEventTimestamp(0, n)).OfType<DateTimeOffset>().Max();
        var age = result.ReadAt - eventTime;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"  event time {eventTime.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}, age {(int)age.TotalHours}h{age.Minutes:00}m, ttl {(view.Ttl is { } ttl ? DurationParser.Format(ttl) : "none")}")).ConfigureAwait(false);
        foreach (var name in names)
        {
            await output.WriteLineAsync($"  {name} = {(result.GetEventTimestamp(0, name) is null ? "(never stored)" : $"{result.GetValue(0, name)} ({result.GetStatus(0, name).Name()})")}").ConfigureAwait(false);
        }
    }
}
