using System.CommandLine;
using FeatureStore.Registry.Planning;
using FeatureStore.Sdk;

namespace FeatureStore.Cli.Commands;

/// <summary><c>history [NAME]</c>: every apply (who, when, what changed), newest first; only those touching NAME when given.</summary>
internal static class HistoryCommand
{
    public static Command Create()
    {
        var name = new Argument<string?>("name") { Description = "Only applies that changed this object", Arity = ArgumentArity.ZeroOrOne };
        var limit = new Option<int>("--limit") { Description = "At most this many applies", DefaultValueFactory = _ => 50 };
        var command = new Command("history", "Show the registry's apply history") { name, limit };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await FeatureStoreSession.OpenAsync(parse.RepoDir(), ct).ConfigureAwait(false);
            var records = await store.HistoryAsync(parse.GetValue(name), parse.GetValue(limit), ct).ConfigureAwait(false);
            await parse.Out().WriteAsync(records.Count == 0 ? "no applies recorded\n" : HistoryPrinter.Render(records)).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
