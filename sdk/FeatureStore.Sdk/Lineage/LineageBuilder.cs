using FeatureStore.Offline;
using FeatureStore.Registry.Access;
using FeatureStore.Registry.Model;
using FeatureStore.Registry.Storage;

namespace FeatureStore.Sdk.Lineage;

/// <summary>Builds lineage reports from one registry state and the training sets the project recorded.</summary>
internal sealed class LineageBuilder
{
    private readonly RegistryDefinitions definitions;
    private readonly AccessPolicy policy;
    private readonly IReadOnlyList<(TrainingSetRecord Record, TrainingSetManifest? Manifest, string? Problem)> trainingSets;

    public LineageBuilder(RegistryState state, IReadOnlyList<(TrainingSetRecord, TrainingSetManifest?, string?)> trainingSets)
    {
        definitions = state.ToDefinitions();
        policy = AccessPolicy.From(state);
        this.trainingSets = trainingSets;
    }

    /// <summary>A report for every registered object called <paramref name="name"/> (an entity and a view may share one).</summary>
    public IReadOnlyList<LineageReport> ForName(string name)
    {
        var reports = new List<LineageReport>();
        reports.AddRange(definitions.DataSources.Where(s => s.Name == name).Select(ForSource));
        reports.AddRange(definitions.Entities.Where(e => e.Name == name).Select(ForEntity));
        reports.AddRange(definitions.FeatureViews.Where(v => v.Name == name).Select(ForView));
        reports.AddRange(definitions.FeatureServices.Where(s => s.Name == name).Select(ForService));
        return reports;
    }

    public LineageReport ForManifest(string manifestPath, TrainingSetManifest manifest)
    {
        var views = manifest.Features.Select(f => f.View).Distinct().ToList();
        var upstream = new List<LineageNode>();
        if (manifest.Parameters.FeatureService is { } service)
        {
            upstream.Add(Node(definitions.FeatureServices.FirstOrDefault(s => s.Name == service)) ?? new LineageNode("feature service", service, null, "no longer registered"));
        }

        foreach (var view in views)
        {
            var recorded = manifest.Features.First(f => f.View == view).ViewVersion;
            var current = definitions.FeatureViews.FirstOrDefault(v => v.Name == view);
            upstream.Add(current is null
                ? new LineageNode("feature view", view, null, $"version {recorded} when written; no longer registered")
                : new LineageNode("feature view", view, current.Owner, current.Version == recorded ? $"version {recorded}" : $"version {recorded} when written, {current.Version} now"));
        }

        upstream.AddRange(manifest.Sources.Select(s => s.DataSource).Distinct().Select(SourceNode));
        var features = manifest.Features.Select(f => FeatureOf(f.View, f.Reference[(f.Reference.IndexOf(':') + 1)..], f.Type)).ToList();
        var subject = new LineageNode("training set", manifestPath, null, $"written {manifest.CreatedAt:yyyy-MM-dd HH:mm:ss}Z, {manifest.OutputRows} rows");
        return new LineageReport(subject, upstream, [], features, GrantsCovering(features));
    }

    private LineageReport ForSource(DataSourceDefinition source)
    {
        var views = definitions.FeatureViews.Where(v => v.Source == source.Name).ToList();
        var downstream = views.Select(v => Node(v)!).Concat(ServicesUsing(views)).Concat(TrainingSets(m => m.Sources.Any(s => s.DataSource == source.Name))).ToList();
        return Report(Node(source)!, [], downstream, views);
    }

    private LineageReport ForEntity(EntityDefinition entity)
    {
        var views = definitions.FeatureViews.Where(v => v.Entities.Contains(entity.Name)).ToList();
        var downstream = views.Select(v => Node(v)!).Concat(ServicesUsing(views)).Concat(TrainingSets(m => m.Features.Any(f => views.Any(v => v.Name == f.View)))).ToList();
        return Report(Node(entity)!, [], downstream, views);
    }

    private LineageReport ForView(FeatureViewDefinition view)
    {
        var upstream = new List<LineageNode> { SourceNode(view.Source) };
        upstream.AddRange(view.Entities.Select(e => Node(definitions.Entities.FirstOrDefault(x => x.Name == e)) ?? new LineageNode("entity", e, null, "not registered")));
        var downstream = ServicesUsing([view]).Concat(TrainingSets(m => m.Features.Any(f => f.View == view.Name))).ToList();
        return Report(Node(view)!, upstream, downstream, [view]);
    }

    private LineageReport ForService(FeatureServiceDefinition service)
    {
        var views = service.Features.Select(s => definitions.FeatureViews.FirstOrDefault(v => v.Name == s.View)).OfType<FeatureViewDefinition>().ToList();
        var upstream = views.Select(v => Node(v)!)
            .Concat(views.Select(v => v.Source).Distinct().Select(SourceNode))
            .Concat(views.SelectMany(v => v.Entities).Distinct().Select(e => Node(definitions.Entities.FirstOrDefault(x => x.Name == e)) ?? new LineageNode("entity", e, null, "not registered")))
            .ToList();
        var downstream = TrainingSets(m => m.Parameters.FeatureService == service.Name).ToList();
        var features = service.Features.SelectMany(s =>
        {
            var view = views.FirstOrDefault(v => v.Name == s.View);
            var names = s.Features.Count > 0 ? s.Features : view?.Features.Select(f => f.Name).ToList() ?? [];
            return names.Select(n => FeatureOf(s.View, n, null));
        }).ToList();
        return new LineageReport(Node(service)!, upstream, downstream, features, GrantsCovering(features));
    }

    private LineageReport Report(LineageNode subject, IReadOnlyList<LineageNode> upstream, IReadOnlyList<LineageNode> downstream, IEnumerable<FeatureViewDefinition> views)
    {
        var features = views.SelectMany(v => v.Features.Select(f => new LineageFeature($"{v.Name}:{f.Name}", f.Type.Name(), f.Pii))).ToList();
        return new LineageReport(subject, upstream, downstream, features, GrantsCovering(features));
    }

    private IEnumerable<LineageNode> ServicesUsing(IReadOnlyList<FeatureViewDefinition> views) =>
        definitions.FeatureServices.Where(s => s.Features.Any(f => views.Any(v => v.Name == f.View))).Select(s => Node(s)!);

    private IEnumerable<LineageNode> TrainingSets(Func<TrainingSetManifest, bool> uses)
    {
        foreach (var (record, manifest, problem) in trainingSets)
        {
            if (manifest is null)
            {
                yield return new LineageNode("training set", record.ManifestPath, null, $"manifest unreadable: {problem}");
            }
            else if (uses(manifest))
            {
                yield return new LineageNode("training set", record.ManifestPath, null, $"written {record.WrittenAt:yyyy-MM-dd HH:mm:ss}Z by {record.Actor}, {record.Rows} rows");
            }
        }
    }

    /// <summary>Grants whose target covers some of <paramref name="features"/>, with those features, for every mode.</summary>
    private List<LineageGrant> GrantsCovering(IReadOnlyList<LineageFeature> features)
    {
        var grants = new List<LineageGrant>();
        foreach (var grant in policy.Grants.OrderBy(g => g.Principal, StringComparer.Ordinal).ThenBy(g => g.Name, StringComparer.Ordinal))
        {
            var covered = features.Where(f => Covers(grant, f.Reference)).Select(f => f.Reference).ToList();
            if (covered.Count > 0)
            {
                var target = $"{(grant.TargetKind == GrantTargetKind.FeatureService ? "feature service" : "feature view")} '{grant.Target}'";
                grants.Add(new LineageGrant(grant.Principal, target, grant.MaxPii, grant.Online, grant.Offline, covered));
            }
        }

        return grants;
    }

    private bool Covers(GrantDefinition grant, string reference)
    {
        var separator = reference.IndexOf(':');
        var (view, feature) = (reference[..separator], reference[(separator + 1)..]);
        if (grant.TargetKind == GrantTargetKind.FeatureView)
        {
            return grant.Target == view || view.StartsWith(grant.Target + "@", StringComparison.Ordinal);
        }

        var service = definitions.FeatureServices.FirstOrDefault(s => s.Name == grant.Target);
        return service is not null && service.Features.Any(s => s.View == view && (s.Features.Count == 0 || s.Features.Contains(feature)));
    }

    private LineageFeature FeatureOf(string view, string feature, string? recordedType)
    {
        var definition = definitions.FeatureViews.FirstOrDefault(v => v.Name == view)?.Features.FirstOrDefault(f => f.Name == feature);
        return new LineageFeature($"{view}:{feature}", definition?.Type.Name() ?? recordedType ?? "unknown", definition?.Pii ?? PiiClass.None);
    }

    private LineageNode SourceNode(string name) =>
        Node(definitions.DataSources.FirstOrDefault(s => s.Name == name)) ?? new LineageNode("data source", name, null, "not registered");

    private static LineageNode? Node(DataSourceDefinition? source) => source is null ? null
        : new LineageNode("data source", source.Name, source.Owner,
            source.Stream is { } stream ? $"{source.Path}, streamed ({stream.Kind.ToString().ToLowerInvariant()})" : source.Path);

    private static LineageNode? Node(EntityDefinition? entity) => entity is null ? null
        : new LineageNode("entity", entity.Name, entity.Owner, $"join keys {string.Join(", ", entity.JoinKeys.Select(k => k.Name))}");

    private static LineageNode? Node(FeatureViewDefinition? view) => view is null ? null
        : new LineageNode("feature view", view.Name, view.Owner, $"version {view.Version}");

    private static LineageNode? Node(FeatureServiceDefinition? service) => service is null ? null
        : new LineageNode("feature service", service.Name, service.Owner);
}
