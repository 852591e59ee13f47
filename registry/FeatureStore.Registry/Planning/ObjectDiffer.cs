using FeatureStore.Registry.Model;

namespace FeatureStore.Registry.Planning;

/// <summary>Field-by-field comparison of two versions of one object, marking each change breaking (with why) or safe.</summary>
internal static class ObjectDiffer
{
    public static IReadOnlyList<FieldChange> Entity(EntityDefinition before, EntityDefinition after)
    {
        var diff = new FieldDiffBuilder();
        diff.Breaking("join_keys", ValueText.JoinKeys(before.JoinKeys), ValueText.JoinKeys(after.JoinKeys),
            "join keys changed (names, types or order): stored rows and online keys no longer match");
        diff.Safe("description", before.Description, after.Description);
        diff.Safe("owner", before.Owner, after.Owner);
        diff.Map("tags", before.Tags, after.Tags);
        return diff.Changes;
    }

    public static IReadOnlyList<FieldChange> DataSource(DataSourceDefinition before, DataSourceDefinition after)
    {
        var diff = new FieldDiffBuilder();
        diff.Safe("path", before.Path, after.Path);
        diff.Breaking("timestamp_field", before.TimestampField, after.TimestampField,
            "timestamp field changed: point-in-time joins would read a different event time");
        diff.Breaking("created_timestamp_field", before.CreatedTimestampField, after.CreatedTimestampField,
            "created timestamp field changed: tie-breaking and as-known-at reads would change");
        diff.Map("field_mapping", before.FieldMapping, after.FieldMapping);
        CompareStream(diff, before.Stream, after.Stream);
        diff.Safe("description", before.Description, after.Description);
        diff.Safe("owner", before.Owner, after.Owner);
        diff.Map("tags", before.Tags, after.Tags);
        return diff.Changes;
    }

    public static IReadOnlyList<FieldChange> FeatureView(FeatureViewDefinition before, FeatureViewDefinition after, UsageIndex usage)
    {
        var diff = new FieldDiffBuilder();
        diff.Breaking("entities", ValueText.List(before.Entities), ValueText.List(after.Entities),
            "entities changed: the view's keys change");
        CompareSource(diff, before.Source, after.Source, usage);
        diff.Safe("version", ValueText.Int(before.Version), ValueText.Int(after.Version));
        diff.Safe("keep_versions", ValueText.Int(before.KeepVersions ?? 1), ValueText.Int(after.KeepVersions ?? 1));
        diff.Safe("retained_versions", Retained(before), Retained(after));
        diff.Safe("ttl", ValueText.Duration(before.Ttl), ValueText.Duration(after.Ttl));
        diff.Safe("online", ValueText.Bool(before.Online), ValueText.Bool(after.Online));
        diff.Safe("as_of_created", ValueText.Bool(before.AsOfCreated), ValueText.Bool(after.AsOfCreated));
        diff.Safe("quality", ValueText.Quality(before.Quality), ValueText.Quality(after.Quality));
        diff.Safe("owner", before.Owner, after.Owner);
        diff.Safe("description", before.Description, after.Description);
        diff.Map("tags", before.Tags, after.Tags);
        CompareFeatures(diff, before, after, usage);
        return diff.Changes;
    }

    private static string Retained(FeatureViewDefinition view) => ValueText.List([.. (view.RetainedVersions ?? []).Select(v => ValueText.Int(v.Version))]);

    public static IReadOnlyList<FieldChange> FeatureService(FeatureServiceDefinition before, FeatureServiceDefinition after)
    {
        var diff = new FieldDiffBuilder();
        var views = before.Features.Select(s => s.View).Union(after.Features.Select(s => s.View), StringComparer.Ordinal);
        foreach (var view in views.Order(StringComparer.Ordinal))
            diff.Safe($"features.{view}", Selection(before, view), Selection(after, view));
        diff.Safe("owner", before.Owner, after.Owner);
        diff.Safe("description", before.Description, after.Description);
        diff.Map("tags", before.Tags, after.Tags);
        return diff.Changes;
    }

    // Stream settings decide where live records come from, not what consumers read: every change is safe.
    private static void CompareStream(FieldDiffBuilder diff, StreamDefinition? before, StreamDefinition? after)
    {
        diff.Safe("stream.kind", ValueText.Kind(before?.Kind), ValueText.Kind(after?.Kind));
        var old = before?.Kafka;
        var now = after?.Kafka;
        diff.Safe("stream.bootstrap_servers", old?.BootstrapServers, now?.BootstrapServers);
        diff.Safe("stream.topic", old?.Topic, now?.Topic);
        diff.Safe("stream.consumer_group", old?.ConsumerGroup, now?.ConsumerGroup);
        diff.Safe("stream.format", ValueText.Format(old?.Format), ValueText.Format(now?.Format));
        diff.Safe("stream.event_time_field", old?.EventTimeField, now?.EventTimeField);
        diff.Safe("stream.allowed_lateness", ValueText.Duration(old?.AllowedLateness), ValueText.Duration(now?.AllowedLateness));
        diff.Map("stream.field_mapping", old?.FieldMapping, now?.FieldMapping);
        diff.Safe("stream.dead_letter_topic", old?.DeadLetterTopic, now?.DeadLetterTopic);
    }

    private static void CompareSource(FieldDiffBuilder diff, string before, string after, UsageIndex usage)
    {
        if (before == after)
            return;
        var oldTimestamp = usage.CurrentSource(before)?.TimestampField;
        var newTimestamp = usage.DesiredSource(after)?.TimestampField;
        if (oldTimestamp != newTimestamp)
        {
            diff.Breaking("source", before, after,
                $"new source uses timestamp field '{newTimestamp ?? "?"}' instead of '{oldTimestamp ?? "?"}'");
        }
        else
        {
            diff.Safe("source", before, after);
        }
    }

    private static void CompareFeatures(FieldDiffBuilder diff, FeatureViewDefinition before, FeatureViewDefinition after, UsageIndex usage)
    {
        var oldByName = before.Features.ToDictionary(f => f.Name, StringComparer.Ordinal);
        var newByName = after.Features.ToDictionary(f => f.Name, StringComparer.Ordinal);
        foreach (var name in oldByName.Keys.Union(newByName.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var path = $"features.{name}";
            var had = oldByName.TryGetValue(name, out var old);
            var has = newByName.TryGetValue(name, out var now);
            if (had && !has)
            {
                var users = usage.ServicesUsingFeature(before.Name, name);
                if (users.Count > 0)
                    diff.Breaking(path, old!.Type.Name(), null, $"feature removed but feature service {Quoted(users)} uses it");
                else
                    diff.Safe(path, old!.Type.Name(), null, "removed; no feature service uses it");
            }
            else if (!had && has)
            {
                diff.Safe(path, null, now!.Type.Name(), "added");
            }
            else
            {
                diff.Breaking($"{path}.type", old!.Type.Name(), now!.Type.Name(), "feature type changed: stored and served values no longer match");
                diff.Safe($"{path}.description", old.Description, now.Description);
                diff.Safe($"{path}.pii", ValueText.Pii(old.Pii), ValueText.Pii(now.Pii));
                diff.Map($"{path}.tags", old.Tags, now.Tags);
            }
        }

        var commonOld = before.Features.Select(f => f.Name).Where(newByName.ContainsKey).ToList();
        var commonNew = after.Features.Select(f => f.Name).Where(oldByName.ContainsKey).ToList();
        if (!commonOld.SequenceEqual(commonNew, StringComparer.Ordinal))
            diff.Safe("features (order)", ValueText.List(commonOld), ValueText.List(commonNew));
    }

    private static string? Selection(FeatureServiceDefinition service, string view)
    {
        var selections = service.Features.Where(s => s.View == view).ToList();
        if (selections.Count == 0)
            return null;
        return selections.Any(s => s.Features.Count == 0) ? "all" : ValueText.List(selections.SelectMany(s => s.Features));
    }

    internal static string Quoted(IReadOnlyList<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));
}
