using System.Globalization;
using FeatureStore.Materialization.Progress;
using FeatureStore.Materialization.Running;
using FeatureStore.Sdk;
using FeatureStore.Sdk.Online;

namespace FeatureStore.Cli.Commands;

/// <summary>
/// What the materialize commands share: open the repo's session, run a materialization with console progress, print the
/// run's line, and turn a failed view into a one-line user error.
/// </summary>
internal static class MaterializeSession
{
    public static async Task<MaterializationSummary> RunAsync(
        string repoDir,
        TextWriter output,
        MaterializeOptions options,
        Func<FeatureStoreSession, IProgress<MaterializationProgress>, Task<MaterializationSummary>> run,
        CancellationToken ct)
    {
        await using var store = await FeatureStoreSession.OpenAsync(repoDir, ct).ConfigureAwait(false);
        var progress = new ConsoleMaterializationProgress(new ConsoleProgress(output, interactive: !Console.IsOutputRedirected && ReferenceEquals(output, Console.Out)));
        try
        {
            var summary = await run(store, progress).ConfigureAwait(false);
            await output.WriteLineAsync(RunLine(summary)).ConfigureAwait(false);
            return summary;
        }
        catch (MaterializationFailedException e)
        {
            await output.WriteLineAsync(RunLine(e.Summary)).ConfigureAwait(false);
            throw;
        }
    }

    private static string RunLine(MaterializationSummary summary) =>
        $"run {summary.RunId}: {summary.Views.Count} view(s), {(summary.Succeeded ? "all succeeded" : "some FAILED")}";

    /// <summary>An ISO-8601 instant; a value without offset (or a bare date) is UTC.</summary>
    public static DateTimeOffset ParseInstant(string text, string what)
    {
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
            return value;
        throw new CliUserException($"{what} '{text}' is not an ISO-8601 time (e.g. 2026-01-31 or 2026-01-31T12:00:00Z)");
    }
}
