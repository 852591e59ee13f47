using System.Collections.Concurrent;
using System.Collections.Frozen;
using FeatureStore.Registry.Access;
using FeatureStore.Registry.Model;
using FeatureStore.Serving.Access;
using FeatureStore.Serving.Features;

namespace FeatureStore.Serving.Snapshot;

/// <summary>
/// The registry as the server serves it, frozen at one revision: servable views, feature-service read plans compiled
/// up front, a bounded cache of plans for ad-hoc feature-reference lists, and the access keys and grants of the same
/// revision (<see cref="Policy"/>). Replaced whole when the revision changes, so a revoked key stops working then.
/// </summary>
public sealed class RegistrySnapshot
{
    private const int MaxCachedAdHocPlans = 4096;

    private readonly FrozenDictionary<string, ServingView> views;
    private readonly FrozenDictionary<string, string> unservableViews;
    private readonly FrozenDictionary<string, ReadPlan> servicePlans;
    private readonly FrozenDictionary<string, string> brokenServices;
    private readonly ConcurrentDictionary<string, ReadPlan> adHocPlans = new(StringComparer.Ordinal);

    internal RegistrySnapshot(
        RegistryDefinitions definitions,
        long revision,
        FrozenDictionary<string, ServingView> views,
        FrozenDictionary<string, string> unservableViews,
        FrozenDictionary<string, ReadPlan> servicePlans,
        FrozenDictionary<string, string> brokenServices,
        AccessPolicy policy)
    {
        Definitions = definitions;
        Project = definitions.Project;
        Revision = revision;
        this.views = views;
        Views = [.. views.Values.Distinct()];
        this.unservableViews = unservableViews;
        this.servicePlans = servicePlans;
        this.brokenServices = brokenServices;
        Policy = policy;
        Callers = new CallerAuthenticator(policy);
    }

    /// <summary>The keys and grants of this revision.</summary>
    public AccessPolicy Policy { get; }

    internal CallerAuthenticator Callers { get; }

    /// <summary>The definitions the snapshot was built from (PushFeatures ingests against them).</summary>
    public RegistryDefinitions Definitions { get; }

    public string Project { get; }

    public long Revision { get; }

    /// <summary>Each live version once (the newest is registered under two labels).</summary>
    public IReadOnlyCollection<ServingView> Views { get; }

    public int ServiceCount => servicePlans.Count + brokenServices.Count;

    /// <summary>The precompiled plan of a feature service; NOT_FOUND when it is not registered.</summary>
    public ReadPlan ServicePlan(string name)
    {
        if (servicePlans.TryGetValue(name, out var plan))
        {
            return plan;
        }

        if (brokenServices.TryGetValue(name, out var reason))
        {
            throw new FeatureRequestException(FeatureRequestError.FailedPrecondition, $"feature service '{name}' cannot be served: {reason}");
        }

        throw new FeatureRequestException(FeatureRequestError.NotFound, $"feature service '{name}' is not registered in project '{Project}'");
    }

    /// <summary>The plan for "view:feature" (or "view@N:feature") references, compiled on first use and cached for this snapshot.</summary>
    public ReadPlan FeaturesPlan(IReadOnlyList<string> references)
    {
        if (references.Count == 0)
        {
            throw new FeatureRequestException(FeatureRequestError.InvalidArgument, "features is empty; name at least one 'view:feature'");
        }

        var key = references.Count == 1 ? references[0] : string.Join('\n', references);
        if (adHocPlans.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var plan = ReadPlanBuilder.Build(Definitions, ParseReferences(references), views, unservableViews);
        if (adHocPlans.Count < MaxCachedAdHocPlans)
        {
            adHocPlans.TryAdd(key, plan);
        }

        return plan;
    }

    private static (string View, string Feature)[] ParseReferences(IReadOnlyList<string> references)
    {
        var picks = new (string View, string Feature)[references.Count];
        for (var i = 0; i < references.Count; i++)
        {
            var reference = references[i];
            var colon = reference.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || colon == reference.Length - 1 || reference.IndexOf(':', colon + 1) >= 0)
            {
                throw new FeatureRequestException(FeatureRequestError.InvalidArgument, $"feature reference '{reference}' is not of the form 'view:feature'");
            }

            picks[i] = (reference[..colon], reference[(colon + 1)..]);
        }

        return picks;
    }
}
