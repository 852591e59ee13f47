using FeatureStore.Registry.Model;

namespace FeatureStore.Registry.Planning;

/// <summary>
/// Who uses what, for breaking-change rules. Feature services are read from both the desired definitions and the
/// current registry (a deployed model may still rely on the registered service); views only from the desired ones.
/// </summary>
internal sealed class UsageIndex(RegistryDefinitions desired, RegistryDefinitions current)
{
    /// <summary>Services that select the feature (an empty selection means every feature of the view).</summary>
    public IReadOnlyList<string> ServicesUsingFeature(string view, string feature) =>
    [
        .. desired.FeatureServices.Concat(current.FeatureServices)
            .Where(s => s.Features.Any(sel => sel.View == view && (sel.Features.Count == 0 || sel.Features.Contains(feature))))
            .Select(s => s.Name)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal),
    ];

    public IReadOnlyList<string> ServicesUsingView(string view) =>
        [.. desired.FeatureServices.Where(s => s.Features.Any(sel => sel.View == view || sel.View.StartsWith(view + "@", StringComparison.Ordinal))).Select(s => s.Name).Order(StringComparer.Ordinal)];

    public IReadOnlyList<string> ViewsUsingEntity(string entity) =>
        [.. desired.FeatureViews.Where(v => v.Entities.Contains(entity)).Select(v => v.Name).Order(StringComparer.Ordinal)];

    public IReadOnlyList<string> ViewsUsingSource(string source) =>
        [.. desired.FeatureViews.Where(v => v.Source == source).Select(v => v.Name).Order(StringComparer.Ordinal)];

    public DataSourceDefinition? DesiredSource(string name) => desired.DataSources.FirstOrDefault(s => s.Name == name);

    public DataSourceDefinition? CurrentSource(string name) => current.DataSources.FirstOrDefault(s => s.Name == name);
}
