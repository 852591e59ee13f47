using FeatureStore.Registry.Access;
using FeatureStore.Registry.Model;

namespace FeatureStore.Sdk.Access;

/// <summary>What one principal holds: its keys (never their secrets) and its grants with the features each covers.</summary>
public sealed record AccessOverview(string Principal, IReadOnlyList<AccessKeyRecord> Keys, IReadOnlyList<GrantCoverage> Grants);

/// <summary>
/// One grant and the features its target covers now. <see cref="TargetRegistered"/> is false when the target was
/// removed from the registry after the grant was given (the grant then covers nothing).
/// </summary>
public sealed record GrantCoverage(GrantDefinition Grant, bool TargetRegistered, IReadOnlyList<CoveredFeature> Features)
{
    /// <summary>The features <paramref name="grant"/> covers in <paramref name="definitions"/>, in target order.</summary>
    public static GrantCoverage Of(GrantDefinition grant, RegistryDefinitions definitions)
    {
        ArgumentNullException.ThrowIfNull(grant);
        ArgumentNullException.ThrowIfNull(definitions);
        var views = definitions.FeatureViews.ToDictionary(v => v.Name, StringComparer.Ordinal);
        IEnumerable<(FeatureViewDefinition View, FeatureDefinition Feature)>? covered = grant.TargetKind switch
        {
            GrantTargetKind.FeatureView => views.TryGetValue(grant.Target, out var view) ? view.Features.Select(f => (view, f)) : null,
            _ => definitions.FeatureServices.FirstOrDefault(s => s.Name == grant.Target) is { } service
                ? service.Features.SelectMany(selection => Selected(selection, views))
                : null,
        };
        return new GrantCoverage(
            grant,
            covered is not null,
            [.. (covered ?? []).Select(c => new CoveredFeature(c.View.Name, c.Feature.Name, c.Feature.Pii, c.Feature.Pii <= grant.MaxPii))]);
    }

    // An empty selection names every feature of the view (the "*" of a service definition).
    private static IEnumerable<(FeatureViewDefinition, FeatureDefinition)> Selected(
        FeatureSelection selection, Dictionary<string, FeatureViewDefinition> views)
    {
        if (!views.TryGetValue(selection.View, out var view))
            return [];
        return selection.Features.Count == 0
            ? view.Features.Select(f => (view, f))
            : selection.Features.SelectMany(name => view.Features.Where(f => f.Name == name).Select(f => (view, f)));
    }
}

/// <summary>A feature a grant's target covers; <see cref="WithinGrant"/> when its PII class is at most the grant's ceiling.</summary>
public sealed record CoveredFeature(string View, string Feature, PiiClass Pii, bool WithinGrant)
{
    public string Reference => $"{View}:{Feature}";
}
