using System.CommandLine;

namespace FeatureStore.Cli.Commands;

/// <summary>
/// <c>materialize-incremental [END] [--views v1,v2] [--max-rows-per-second N] [--entities-per-partition N] [--memory-budget SIZE]</c>: continue each view from its watermarks
/// (event time, and created time for sources that have it, so late-arriving rows are not skipped) up to END (default now).
/// </summary>
internal static class MaterializeIncrementalCommand
{
    public static Command Create()
    {
        var end = new Argument<string?>("end") { Description = "Up to this event time, ISO-8601 (no offset = UTC); default now", Arity = ArgumentArity.ZeroOrOne };
        var shared = new MaterializeCommandOptions();
        var command = new Command("materialize-incremental", "Materialize what arrived since the last run (by event and created time)") { end };
        shared.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var to = parse.GetValue(end) is { } text ? MaterializeSession.ParseInstant(text, "END") : (DateTimeOffset?)null;
            var options = shared.Read(parse);
            await MaterializeSession.RunAsync(parse.RepoDir(), parse.Out(), options,
                (store, progress) => store.MaterializeIncrementalAsync(to, options, progress, ct), ct).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
