using System.CommandLine;
using System.Globalization;
using System.Text;
using FeatureStore.Registry.Model;
using FeatureStore.Registry.Storage;
using FeatureStore.Registry.Yaml;

namespace FeatureStore.Cli.Commands;

/// <summary><c>describe NAME</c>: one registered object in full, with owner, versions, PII classes and who uses it.</summary>
internal static class DescribeCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "Name of an entity, data source, feature view or feature service" };
        var command = new Command("describe", "Describe a registered object") { name };
        command.SetAction(async (parse, ct) =>
        {
            var (config, store) = await RegistrySession.OpenAsync(parse.RepoDir(), ct).ConfigureAwait(false);
            await using (store.ConfigureAwait(false))
            {
                var state = await store.LoadAsync(config.Project, ct).ConfigureAwait(false);
                await parse.Out().WriteAsync(Render(parse.GetRequiredValue(name), state)).ConfigureAwait(false);
            }
            return 0;
        });
        return command;
    }

    internal static string Render(string name, RegistryState state)
    {
        var matches = state.Objects.Where(o => o.Name == name).OrderBy(o => o.Kind).ToList();
        if (matches.Count == 0)
        {
            throw new CliUserException($"no object named '{name}' in project '{state.Project}' (see 'featurestore list ...')");
        }

        var definitions = state.ToDefinitions();
        var text = new StringBuilder();
        foreach (var stored in matches)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{stored.Kind.Label()} {stored.Name}  (registry version {stored.Version}, updated {stored.UpdatedAt.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ})");
            switch (stored.Kind)
            {
                case ObjectKind.Entity:
                    DescribeEntity(text, definitions.Entities.Single(e => e.Name == name), definitions);
                    break;
                case ObjectKind.DataSource:
                    DescribeSource(text, definitions.DataSources.Single(d => d.Name == name), definitions);
                    break;
                case ObjectKind.FeatureView:
                    DescribeView(text, definitions.FeatureViews.Single(v => v.Name == name), definitions);
                    break;
                case ObjectKind.FeatureService:
                    DescribeService(text, definitions.FeatureServices.Single(s => s.Name == name), definitions);
                    break;
            }
            text.AppendLine();
        }
        return text.ToString();
    }

    private static void DescribeEntity(StringBuilder text, EntityDefinition entity, RegistryDefinitions all)
    {
        Line(text, "description", entity.Description);
        Line(text, "owner", entity.Owner);
        Line(text, "join keys", string.Join(", ", entity.JoinKeys.Select(k => $"{k.Name} ({k.Type.Name()})")));
        Tags(text, entity.Tags);
        Line(text, "used by views", Join(all.FeatureViews.Where(v => v.Entities.Contains(entity.Name)).Select(v => v.Name)));
    }

    private static void DescribeSource(StringBuilder text, DataSourceDefinition source, RegistryDefinitions all)
    {
        Line(text, "description", source.Description);
        Line(text, "owner", source.Owner);
        Line(text, "path", source.Path);
        Line(text, "timestamp field", source.TimestampField);
        Line(text, "created field", source.CreatedTimestampField);
        if (source.FieldMapping is { Count: > 0 } mapping)
        {
            Line(text, "field mapping", string.Join(", ", mapping.Select(m => $"{m.Key} -> {m.Value}")));
        }
        Tags(text, source.Tags);
        Line(text, "used by views", Join(all.FeatureViews.Where(v => v.Source == source.Name).Select(v => v.Name)));
    }

    private static void DescribeView(StringBuilder text, FeatureViewDefinition view, RegistryDefinitions all)
    {
        Line(text, "description", view.Description);
        Line(text, "owner", view.Owner);
        Line(text, "version", view.Version.ToString(CultureInfo.InvariantCulture));
        Line(text, "entities", string.Join(", ", view.Entities));
        Line(text, "source", view.Source);
        Line(text, "ttl", view.Ttl is { } ttl ? DurationParser.Format(ttl) : "none (values never expire)");
        Line(text, "online", view.Online ? "yes" : "no");
        Tags(text, view.Tags);
        text.AppendLine("  features:");
        var table = TextTable.Render(
            ["NAME", "TYPE", "PII", "DESCRIPTION"],
            view.Features.Select(f => (IReadOnlyList<string>)[f.Name, f.Type.Name(), f.Pii.ToString().ToLowerInvariant(), f.Description ?? ""]));
        foreach (var row in table.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            text.Append("    ").AppendLine(row);
        }
        Line(text, "used by services", Join(all.FeatureServices.Where(s => s.Features.Any(f => f.View == view.Name)).Select(s => s.Name)));
    }

    private static void DescribeService(StringBuilder text, FeatureServiceDefinition service, RegistryDefinitions all)
    {
        Line(text, "description", service.Description);
        Line(text, "owner", service.Owner);
        Tags(text, service.Tags);
        text.AppendLine("  features:");
        var selected = service.Features.SelectMany(selection =>
        {
            var view = all.FeatureViews.Single(v => v.Name == selection.View);
            var features = selection.Features.Count == 0 ? view.Features : view.Features.Where(f => selection.Features.Contains(f.Name));
            return features.Select(f => (View: view.Name, Feature: f));
        }).ToList();
        var table = TextTable.Render(
            ["VIEW", "FEATURE", "TYPE", "PII"],
            selected.Select(s => (IReadOnlyList<string>)[s.View, s.Feature.Name, s.Feature.Type.Name(), s.Feature.Pii.ToString().ToLowerInvariant()]));
        foreach (var row in table.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            text.Append("    ").AppendLine(row);
        }
        var personal = selected.Where(s => s.Feature.Pii != PiiClass.None).Select(s => $"{s.View}:{s.Feature.Name} ({s.Feature.Pii.ToString().ToLowerInvariant()})").ToList();
        Line(text, "personal data", personal.Count == 0 ? "none" : string.Join(", ", personal));
    }

    private static void Line(StringBuilder text, string label, string? value) =>
        text.AppendLine(CultureInfo.InvariantCulture, $"  {label + ":",-18}{(string.IsNullOrEmpty(value) ? "-" : value)}");

    private static void Tags(StringBuilder text, IReadOnlyDictionary<string, string>? tags) =>
        Line(text, "tags", tags is { Count: > 0 } ? string.Join(", ", tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}")) : null);

    private static string Join(IEnumerable<string> names)
    {
        var list = names.OrderBy(n => n, StringComparer.Ordinal).ToList();
        return list.Count == 0 ? "none" : string.Join(", ", list);
    }
}
