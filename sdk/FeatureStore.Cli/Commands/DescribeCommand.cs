using System.CommandLine;
using System.Globalization;
using System.Text;
using FeatureStore.Registry.Model;
using FeatureStore.Registry.Yaml;
using FeatureStore.Sdk;
using FeatureStore.Sdk.Listing;

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
            await using var store = await FeatureStoreSession.OpenAsync(parse.RepoDir(), ct).ConfigureAwait(false);
            var descriptions = await store.DescribeAsync(parse.GetRequiredValue(name), ct).ConfigureAwait(false);
            await parse.Out().WriteAsync(Render(descriptions)).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    internal static string Render(IReadOnlyList<ObjectDescription> descriptions)
    {
        var text = new StringBuilder();
        foreach (var description in descriptions)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{description.Kind.Label()} {description.Name}  (registry version {description.Version}, updated {description.UpdatedAt.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ})");
            switch (description.Definition)
            {
                case EntityDefinition entity:
                    DescribeEntity(text, entity, description.UsedBy);
                    break;
                case DataSourceDefinition source:
                    DescribeSource(text, source, description.UsedBy);
                    break;
                case FeatureViewDefinition view:
                    DescribeView(text, view, description.UsedBy);
                    break;
                case FeatureServiceDefinition service:
                    DescribeService(text, service, description.SelectedFeatures);
                    break;
            }
            text.AppendLine();
        }
        return text.ToString();
    }

    private static void DescribeEntity(StringBuilder text, EntityDefinition entity, IReadOnlyList<string> views)
    {
        Line(text, "description", entity.Description);
        Line(text, "owner", entity.Owner);
        Line(text, "join keys", string.Join(", ", entity.JoinKeys.Select(k => $"{k.Name} ({k.Type.Name()})")));
        Tags(text, entity.Tags);
        Line(text, "used by views", Join(views));
    }

    private static void DescribeSource(StringBuilder text, DataSourceDefinition source, IReadOnlyList<string> views)
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
        DescribeStream(text, source.Stream);
        Tags(text, source.Tags);
        Line(text, "used by views", Join(views));
    }

    private static void DescribeStream(StringBuilder text, StreamDefinition? stream)
    {
        if (stream is null)
        {
            Line(text, "stream", "none (batch only)");
            return;
        }
        if (stream.Kafka is not { } kafka)
        {
            Line(text, "stream", "push (rows sent through PushFeatures or featurestore push)");
            return;
        }
        Line(text, "stream", "kafka");
        Line(text, "  topic", kafka.Topic);
        Line(text, "  brokers", kafka.BootstrapServers);
        Line(text, "  consumer group", kafka.ConsumerGroup);
        Line(text, "  format", kafka.Format.ToString().ToLowerInvariant());
        Line(text, "  event time", kafka.EventTimeField);
        Line(text, "  lateness", DurationParser.Format(kafka.AllowedLateness));
        if (kafka.FieldMapping is { Count: > 0 } mapping)
        {
            Line(text, "  field mapping", string.Join(", ", mapping.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => $"{m.Key} -> {m.Value}")));
        }
        Line(text, "  dead letters", kafka.EffectiveDeadLetterTopic);
    }

    private static void DescribeView(StringBuilder text, FeatureViewDefinition view, IReadOnlyList<string> services)
    {
        Line(text, "description", view.Description);
        Line(text, "owner", view.Owner);
        Line(text, "version", view.Version.ToString(CultureInfo.InvariantCulture));
        if (view.RetainedVersions is { Count: > 0 } retained)
        {
            Line(text, "also live", string.Join("; ", retained.Select(v =>
                $"{LiveView.Pinned(view.Name, v.Version)} ({string.Join(", ", v.Features.Select(f => f.Name))})")));
        }

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
        Line(text, "used by services", Join(services));
    }

    private static void DescribeService(StringBuilder text, FeatureServiceDefinition service, IReadOnlyList<SelectedFeature> selected)
    {
        Line(text, "description", service.Description);
        Line(text, "owner", service.Owner);
        Tags(text, service.Tags);
        text.AppendLine("  features:");
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
