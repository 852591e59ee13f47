using System.Globalization;
using FeatureStore.Materialization;
using FeatureStore.Materialization.Progress;
using FeatureStore.Materialization.Running;
using FeatureStore.Online;
using FeatureStore.Registry.Model;
using FeatureStore.Registry.Storage;
using FeatureStore.Registry.Yaml;

namespace FeatureStore.Cli.Commands;

/// <summary>
/// What the materialize commands share: open the repo's registry and online store, run a <see cref="Materializer"/>
/// with console progress, and turn failures into one-line user errors.
/// </summary>
internal static class MaterializeSession
{
    public static async Task<MaterializationSummary> RunAsync(
        string repoDir,
        TextWriter output,
        double? maxRowsPerSecond,
        int? entitiesPerPartition,
        Func<Materializer, CancellationToken, Task<MaterializationSummary>> run,
        CancellationToken ct)
    {
        var config = FeatureRepoLoader.LoadConfig(repoDir);
        await using var registry = await RegistrySession.OpenAsync(config, repoDir, ct).ConfigureAwait(false);
        await using var online = OpenOnline(config, repoDir);
        var options = new MaterializerOptions
        {
            MaxRowsPerSecond = maxRowsPerSecond,
            EntitiesPerPartition = entitiesPerPartition ?? new MaterializerOptions().EntitiesPerPartition,
            Progress = new ConsoleProgress(output, interactive: !Console.IsOutputRedirected && ReferenceEquals(output, Console.Out)),
        };
        MaterializationSummary summary;
        try
        {
            summary = await run(new Materializer(registry, online, config.Project, repoDir, options), ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is MaterializationException or OnlineStoreUnavailableException or OnlineStoreException)
        {
            throw new CliUserException(e.Message);
        }

        await output.WriteLineAsync($"run {summary.RunId}: {summary.Views.Count} view(s), {(summary.Succeeded ? "all succeeded" : "some FAILED")}").ConfigureAwait(false);
        if (summary.Views.FirstOrDefault(v => !v.Succeeded) is { } failed)
        {
            var others = summary.Views.Count(v => !v.Succeeded) - 1;
            throw new CliUserException(failed.Error + (others > 0 ? $" (and {others} more failed view(s))" : ""));
        }

        return summary;
    }

    public static IOnlineStore OpenOnline(FeatureRepoConfig config, string repoDir)
    {
        try
        {
            return OnlineStoreFactory.Open(config.OnlineStore.ToOnlineStoreSettings(), repoDir);
        }
        catch (OnlineStoreException e)
        {
            throw new CliUserException(e.Message);
        }
    }

    /// <summary>An ISO-8601 instant; a value without offset (or a bare date) is UTC.</summary>
    public static DateTimeOffset ParseInstant(string text, string what)
    {
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
            return value;
        throw new CliUserException($"{what} '{text}' is not an ISO-8601 time (e.g. 2026-01-31 or 2026-01-31T12:00:00Z)");
    }

    public static IReadOnlyList<string>? ParseViews(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
