using System.CommandLine;
using FeatureStore.Sdk;

namespace FeatureStore.Cli.Commands;

/// <summary>
/// <c>push --view V --file rows.parquet|rows.csv</c>: the file's rows written to the configured online store and appended
/// to the view's push source, all or nothing (<see cref="FeatureStoreSession.PushAsync(string, string, CancellationToken)"/>).
/// </summary>
internal static class PushCommand
{
    public static Command Create()
    {
        var view = new Option<string>("--view") { Description = "The online feature view whose rows are pushed (its data source needs 'stream: {kind: push}')", Required = true };
        var file = new Option<string>("--file")
        {
            Description = "A .parquet or .csv file (CSV: a header line of source column names; values parsed by column type, empty = null)",
            Required = true,
        };
        var command = new Command("push", "Push rows of a view from a file: written online (newer events win) and appended to its source's history") { view, file };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            await using var store = await FeatureStoreSession.OpenAsync(parse.RepoDir(), ct).ConfigureAwait(false);
            var summary = await store.PushAsync(parse.GetValue(view)!, path, ct).ConfigureAwait(false);
            await parse.Out().WriteLineAsync(
                $"pushed {path} to {parse.GetValue(view)}: {summary.Accepted} accepted, {summary.WrittenOnline} written online, " +
                $"{summary.SkippedOlder} skipped (older than stored), {summary.Late} late, {summary.AppendedOffline} appended offline").ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
