using System.CommandLine;
using FeatureStore.Registry.Model;
using FeatureStore.Registry.Yaml;
using FeatureStore.Sdk;
using FeatureStore.Sdk.Listing;

namespace FeatureStore.Cli.Commands;

/// <summary><c>list entities|feature-views|feature-services|data-sources</c>: what the registry holds now.</summary>
internal static class ListCommand
{
    private static readonly string[] Kinds = ["entities", "data-sources", "feature-views", "feature-services"];

    public static Command Create()
    {
        var kind = new Argument<string>("kind") { Description = string.Join(" | ", Kinds) };
        kind.AcceptOnlyFromAmong(Kinds);
        var command = new Command("list", "List registered objects of one kind") { kind };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await FeatureStoreSession.OpenAsync(parse.RepoDir(), ct).ConfigureAwait(false);
            var listing = await store.ListAsync(ct).ConfigureAwait(false);
            await parse.Out().WriteAsync(Render(parse.GetRequiredValue(kind), listing)).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    internal static string Render(string kind, RegistryListing listing) => kind switch
    {
        "entities" => TextTable.Render(
            ["NAME", "JOIN KEYS", "OWNER", "VERSION", "DESCRIPTION"],
            listing.Entities.Select(r => (IReadOnlyList<string>)
            [
                r.Name,
                string.Join(", ", r.Definition.JoinKeys.Select(k => $"{k.Name}:{k.Type.Name()}")),
                r.Definition.Owner ?? "-",
                Number(r.Version),
                r.Definition.Description ?? "",
            ])),
        "data-sources" => TextTable.Render(
            ["NAME", "PATH", "TIMESTAMP", "CREATED", "STREAM", "VERSION"],
            listing.DataSources.Select(r => (IReadOnlyList<string>)
            [
                r.Name,
                r.Definition.Path,
                r.Definition.TimestampField,
                r.Definition.CreatedTimestampField ?? "-",
                Stream(r.Definition.Stream),
                Number(r.Version),
            ])),
        "feature-views" => TextTable.Render(
            ["NAME", "ENTITIES", "FEATURES", "TTL", "ONLINE", "OWNER", "VERSION"],
            listing.FeatureViews.Select(r => (IReadOnlyList<string>)
            [
                r.Name,
                string.Join(", ", r.Definition.Entities),
                Number(r.Definition.Features.Count),
                r.Definition.Ttl is { } ttl ? DurationParser.Format(ttl) : "none",
                r.Definition.Online ? "yes" : "no",
                r.Definition.Owner,
                $"v{r.Definition.Version} (rev {Number(r.Version)})",
            ])),
        "feature-services" => TextTable.Render(
            ["NAME", "FEATURES", "OWNER", "VERSION"],
            listing.FeatureServices.Select(r => (IReadOnlyList<string>)
            [
                r.Name,
                string.Join(", ", r.Definition.Features.Select(f => f.Features.Count == 0 ? $"{f.View}:*" : $"{f.View}:{string.Join('|', f.Features)}")),
                r.Definition.Owner,
                Number(r.Version),
            ])),
        _ => throw new CliUserException($"unknown kind '{kind}': use one of {string.Join(", ", Kinds)}"),
    };

    /// <summary>"-", "push", or "kafka TOPIC@SERVERS".</summary>
    private static string Stream(StreamDefinition? stream) => stream switch
    {
        null => "-",
        { Kafka: { } kafka } => $"kafka {kafka.Topic}@{kafka.BootstrapServers}",
        _ => "push",
    };

    private static string Number(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
