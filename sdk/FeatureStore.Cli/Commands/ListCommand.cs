using System.CommandLine;
using FeatureStore.Registry.Model;
using FeatureStore.Registry.Storage;
using FeatureStore.Registry.Yaml;

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
            var (config, store) = await RegistrySession.OpenAsync(parse.RepoDir(), ct).ConfigureAwait(false);
            await using (store.ConfigureAwait(false))
            {
                var state = await store.LoadAsync(config.Project, ct).ConfigureAwait(false);
                await parse.Out().WriteAsync(Render(parse.GetRequiredValue(kind), state)).ConfigureAwait(false);
            }
            return 0;
        });
        return command;
    }

    internal static string Render(string kind, RegistryState state)
    {
        var definitions = state.ToDefinitions();
        long Version(ObjectKind k, string name) => state.Objects.First(o => o.Kind == k && o.Name == name).Version;
        return kind switch
        {
            "entities" => TextTable.Render(
                ["NAME", "JOIN KEYS", "OWNER", "VERSION", "DESCRIPTION"],
                definitions.Entities.OrderBy(e => e.Name, StringComparer.Ordinal).Select(e => (IReadOnlyList<string>)
                [
                    e.Name,
                    string.Join(", ", e.JoinKeys.Select(k => $"{k.Name}:{k.Type.Name()}")),
                    e.Owner ?? "-",
                    Version(ObjectKind.Entity, e.Name).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    e.Description ?? "",
                ])),
            "data-sources" => TextTable.Render(
                ["NAME", "PATH", "TIMESTAMP", "CREATED", "VERSION"],
                definitions.DataSources.OrderBy(d => d.Name, StringComparer.Ordinal).Select(d => (IReadOnlyList<string>)
                [
                    d.Name,
                    d.Path,
                    d.TimestampField,
                    d.CreatedTimestampField ?? "-",
                    Version(ObjectKind.DataSource, d.Name).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ])),
            "feature-views" => TextTable.Render(
                ["NAME", "ENTITIES", "FEATURES", "TTL", "ONLINE", "OWNER", "VERSION"],
                definitions.FeatureViews.OrderBy(v => v.Name, StringComparer.Ordinal).Select(v => (IReadOnlyList<string>)
                [
                    v.Name,
                    string.Join(", ", v.Entities),
                    v.Features.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    v.Ttl is { } ttl ? DurationParser.Format(ttl) : "none",
                    v.Online ? "yes" : "no",
                    v.Owner,
                    $"v{v.Version} (rev {Version(ObjectKind.FeatureView, v.Name)})",
                ])),
            "feature-services" => TextTable.Render(
                ["NAME", "FEATURES", "OWNER", "VERSION"],
                definitions.FeatureServices.OrderBy(s => s.Name, StringComparer.Ordinal).Select(s => (IReadOnlyList<string>)
                [
                    s.Name,
                    string.Join(", ", s.Features.Select(f => f.Features.Count == 0 ? $"{f.View}:*" : $"{f.View}:{string.Join('|', f.Features)}")),
                    s.Owner,
                    Version(ObjectKind.FeatureService, s.Name).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ])),
            _ => throw new CliUserException($"unknown kind '{kind}': use one of {string.Join(", ", Kinds)}"),
        };
    }
}
