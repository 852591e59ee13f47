using System.CommandLine;

namespace FeatureStore.Cli.Commands;

/// <summary><c>materialize START END [--views v1,v2] [--max-rows-per-second N] [--entities-per-partition N] [--memory-budget SIZE]</c>: backfill an event-time range into the online store.</summary>
internal static class MaterializeCommand
{
    public static Command Create()
    {
        var start = new Argument<string>("start") { Description = "Range start, ISO-8601 (no offset = UTC), inclusive" };
        var end = new Argument<string>("end") { Description = "Range end, ISO-8601 (no offset = UTC), inclusive; not in the future" };
        var shared = new MaterializeCommandOptions();
        var command = new Command("materialize", "Write the latest row per entity of an event-time range to the online store") { start, end };
        shared.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var from = MaterializeSession.ParseInstant(parse.GetRequiredValue(start), "START");
            var to = MaterializeSession.ParseInstant(parse.GetRequiredValue(end), "END");
            var options = shared.Read(parse);
            await MaterializeSession.RunAsync(parse.RepoDir(), parse.Out(), options,
                (store, progress) => store.MaterializeAsync(from, to, options, progress, ct), ct).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
