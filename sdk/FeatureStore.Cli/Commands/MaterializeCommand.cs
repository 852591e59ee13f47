using System.CommandLine;

namespace FeatureStore.Cli.Commands;

/// <summary><c>materialize START END [--views v1,v2] [--max-rows-per-second N] [--entities-per-partition N]</c>: backfill an event-time range into the online store.</summary>
internal static class MaterializeCommand
{
    public static Command Create()
    {
        var start = new Argument<string>("start") { Description = "Range start, ISO-8601 (no offset = UTC), inclusive" };
        var end = new Argument<string>("end") { Description = "Range end, ISO-8601 (no offset = UTC), inclusive; not in the future" };
        var views = MaterializeCommandOptions.Views();
        var rate = MaterializeCommandOptions.MaxRowsPerSecond();
        var partition = MaterializeCommandOptions.EntitiesPerPartition();
        var command = new Command("materialize", "Write the latest row per entity of an event-time range to the online store") { start, end, views, rate, partition };
        command.SetAction(async (parse, ct) =>
        {
            var from = MaterializeSession.ParseInstant(parse.GetRequiredValue(start), "START");
            var to = MaterializeSession.ParseInstant(parse.GetRequiredValue(end), "END");
            var selected = MaterializeSession.ParseViews(parse.GetValue(views));
            var options = MaterializeSession.Options(selected, parse.GetValue(rate), parse.GetValue(partition));
            await MaterializeSession.RunAsync(parse.RepoDir(), parse.Out(), options,
                (store, progress) => store.MaterializeAsync(from, to, options, progress, ct), ct).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
