using FeatureStore.Online;
using FeatureStore.Registry.Model;
using FeatureStore.Serving.V1;

namespace FeatureStore.Sdk.Online;

/// <summary>
/// A query resolved against the applied registry, by the feature server's rules: which views (and which live version:
/// <c>view@N</c>) and features to read, the output names (<c>feature</c>, or <c>view__feature</c> with full names), and
/// each view's entity keys built from the query's join-key columns converted to the declared types. A query the
/// registry cannot answer is refused here.
/// </summary>
internal sealed record OnlineReadPlan(
    IReadOnlyList<OnlineReadPlan.ViewRead> Views,
    IReadOnlyList<OnlineReadPlan.Output> Outputs,
    IReadOnlyList<(string Column, object[] Values)> Entities,
    int RowCount)
{
    public sealed record ViewRead(FeatureViewDefinition View, OnlineReadRequest Request);

    /// <summary>An output feature: its name, and where it is read (view index, feature index in that view's read).</summary>
    public sealed record Output(string Name, int View, int Feature);

    public static OnlineReadPlan Build(string project, RegistryDefinitions definitions, GetOnlineFeaturesRequest request)
    {
        var picks = Picks(definitions, request);
        var views = new List<(string Label, FeatureViewDefinition View, List<string> Features)>();
        var outputs = new List<Output>();
        var shortNames = new Dictionary<string, string>(StringComparer.Ordinal);
        var fullNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (viewName, feature) in picks)
        {
            var view = Resolve(definitions, viewName);
            if (!view.Online)
            {
                throw Invalid($"feature view '{viewName}' has online: false, so it is not in the online store");
            }

            if (view.Features.All(f => f.Name != feature))
            {
                throw Invalid($"feature '{feature}' is not in feature view '{viewName}' (its features: {string.Join(", ", view.Features.Select(f => f.Name))})");
            }

            if (!fullNames.Add($"{viewName}__{feature}"))
            {
                throw Invalid($"feature '{viewName}:{feature}' is requested twice");
            }

            if (!shortNames.TryAdd(feature, viewName) && !request.FullFeatureNames)
            {
                throw Invalid($"feature name '{feature}' is in both '{shortNames[feature]}' and '{viewName}'; use WithFullFeatureNames() to get 'view__feature' names");
            }

            var v = views.FindIndex(r => r.Label == viewName);
            if (v < 0)
            {
                v = views.Count;
                views.Add((viewName, view, []));
            }

            outputs.Add(new Output(request.FullFeatureNames ? $"{viewName}__{feature}" : feature, v, views[v].Features.Count));
            views[v].Features.Add(feature);
        }

        var (entities, rowCount) = EntityColumns(definitions, views.Select(v => v.View).ToList(), request);

        // The online store keys a version's data by the view's name and that version's number, never by the label.
        var reads = views.Select(v => new ViewRead(
            v.View,
            new OnlineReadRequest(new OnlineViewRef(project, v.View.Name, v.View.Version), v.Features, Keys(definitions, v.View, request, rowCount)))).ToList();
        return new OnlineReadPlan(reads, outputs, entities, rowCount);
    }

    /// <summary>The definition a label names: a view's newest version, or the live version <c>view@N</c> pins.</summary>
    private static FeatureViewDefinition Resolve(RegistryDefinitions definitions, string label)
    {
        if (LiveViews.Find(definitions, label, out var problem) is { } live)
        {
            return live.Definition;
        }

        var known = definitions.FeatureViews.Any(v => v.Name == label.Split('@')[0]);
        throw Invalid(known ? problem : $"unknown feature view '{label}' (registered: {string.Join(", ", definitions.FeatureViews.Select(v => v.Name))})");
    }

    private static List<(string View, string Feature)> Picks(RegistryDefinitions definitions, GetOnlineFeaturesRequest request)
    {
        switch (request.KindCase)
        {
            case GetOnlineFeaturesRequest.KindOneofCase.FeatureService:
                var service = definitions.FeatureServices.FirstOrDefault(s => s.Name == request.FeatureService)
                    ?? throw Invalid($"unknown feature service '{request.FeatureService}' (registered: {string.Join(", ", definitions.FeatureServices.Select(s => s.Name))})");
                return [.. service.Features.SelectMany(selection => selection.Features.Count > 0
                    ? selection.Features.Select(f => (selection.View, f))
                    : AllOf(definitions, selection.View))];
            case GetOnlineFeaturesRequest.KindOneofCase.Features when request.Features.Val.Count > 0:
                return [.. request.Features.Val.SelectMany(reference =>
                {
                    var parts = reference.Split(':');
                    if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
                    {
                        throw Invalid($"invalid feature reference '{reference}': expected view:feature");
                    }

                    return parts[1] == "*" ? AllOf(definitions, parts[0]) : [(parts[0], parts[1])];
                })];
            default:
                throw Invalid("the query names no features: use OnlineFeatureQuery.ForFeatures(\"view:feature\", ...) or ForFeatureService(name)");
        }
    }

    private static IEnumerable<(string, string)> AllOf(RegistryDefinitions definitions, string view) =>
        LiveViews.Find(definitions, view, out _) is { } found
            ? found.Definition.Features.Select(f => (view, f.Name))
            : [(view, "*")];

    private static (List<(string, object[])> Entities, int RowCount) EntityColumns(RegistryDefinitions definitions, List<FeatureViewDefinition> views, GetOnlineFeaturesRequest request)
    {
        var joinKeys = views.SelectMany(v => JoinKeys(definitions, v)).Select(k => k.Name).Distinct(StringComparer.Ordinal).ToList();
        if (request.Entities.Count == 0)
        {
            throw Invalid($"the query has no entity rows; add one column per join key with WithEntities ({string.Join(", ", joinKeys)})");
        }

        var rowCount = -1;
        var columns = new List<(string, object[])>();
        foreach (var (column, values) in request.Entities)
        {
            if (!joinKeys.Contains(column))
            {
                throw Invalid($"entity column '{column}' is not a join key of the requested features (expected: {string.Join(", ", joinKeys)})");
            }

            if (rowCount >= 0 && values.Val.Count != rowCount)
            {
                throw Invalid($"entity columns have different lengths: '{columns[0].Item1}' has {rowCount} values, '{column}' has {values.Val.Count}");
            }

            rowCount = values.Val.Count;
            columns.Add((column, [.. values.Val.Select(Plain)]));
        }

        return (columns, rowCount);
    }

    private static EntityKey[] Keys(RegistryDefinitions definitions, FeatureViewDefinition view, GetOnlineFeaturesRequest request, int rowCount)
    {
        var keys = JoinKeys(definitions, view);
        var columns = keys.Select(k => request.Entities.TryGetValue(k.Name, out var column)
            ? column.Val
            : throw Invalid($"entity column '{k.Name}' is missing; feature view '{view.Name}' is keyed by {string.Join(", ", keys.Select(j => j.Name))}")).ToList();
        var result = new EntityKey[rowCount];
        for (var row = 0; row < rowCount; row++)
        {
            var parts = new FeatureValue[keys.Count];
            for (var k = 0; k < parts.Length; k++)
            {
                parts[k] = KeyPart(columns[k][row], keys[k], row);
            }

            result[row] = EntityKey.Of(parts);
        }

        return result;
    }

    private static List<JoinKey> JoinKeys(RegistryDefinitions definitions, FeatureViewDefinition view) =>
    [
        .. view.Entities.SelectMany(name => definitions.Entities.FirstOrDefault(e => e.Name == name)?.JoinKeys
            ?? throw Invalid($"feature view '{view.Name}' uses entity '{name}', which is not registered")),
    ];

    private static FeatureValue KeyPart(Value value, JoinKey key, int row) => (key.Type, value.ValCase) switch
    {
        (FeatureType.Int64, Value.ValOneofCase.Int64Val) => FeatureValue.FromInt64(value.Int64Val),
        (FeatureType.Int64, Value.ValOneofCase.Int32Val) => FeatureValue.FromInt64(value.Int32Val),
        (FeatureType.Int32, Value.ValOneofCase.Int32Val) => FeatureValue.FromInt32(value.Int32Val),
        (FeatureType.Int32, Value.ValOneofCase.Int64Val) when value.Int64Val is >= int.MinValue and <= int.MaxValue => FeatureValue.FromInt32((int)value.Int64Val),
        (FeatureType.String, Value.ValOneofCase.StringVal) => FeatureValue.FromString(value.StringVal),
        (FeatureType.Bytes, Value.ValOneofCase.BytesVal) => FeatureValue.FromBytes(value.BytesVal.ToByteArray()),
        _ => throw Invalid($"entity column '{key.Name}' row {row}: expected {key.Type.Name()}, got {value.ValCase.ToString().Replace("Val", "", StringComparison.Ordinal).ToLowerInvariant()} {Plain(value)}"),
    };

    private static object Plain(Value value) => value.ValCase switch
    {
        Value.ValOneofCase.Int64Val => value.Int64Val,
        Value.ValOneofCase.Int32Val => value.Int32Val,
        Value.ValOneofCase.StringVal => value.StringVal,
        Value.ValOneofCase.BytesVal => value.BytesVal.ToByteArray(),
        _ => value.ToString(),
    };

    private static FeatureStoreException Invalid(string message) => new(FeatureStoreErrorCode.InvalidOnlineRequest, message);
}
