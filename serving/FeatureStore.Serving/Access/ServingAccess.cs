using FeatureStore.Registry.Access;
using FeatureStore.Registry.Model;
using FeatureStore.Serving.Features;
using FeatureStore.Serving.Snapshot;

namespace FeatureStore.Serving.Access;

/// <summary>
/// Authentication and grants on the serving path, against the snapshot's <see cref="AccessPolicy"/> (no registry
/// query). When <see cref="Required"/>, a call needs a valid key (else UNAUTHENTICATED) and an online grant covering
/// every feature it asks for (else PERMISSION_DENIED naming each); when not, a presented key only names the principal
/// the PII audit records ("anonymous" without one). Tokens never appear in a message.
/// </summary>
internal sealed class ServingAccess(bool required, OnlineReadAudit audit)
{
    public const string Anonymous = "anonymous";

    public const string Unauthenticated =
        "missing or invalid API key: send the metadata 'authorization: Bearer <key>' with a key made by 'featurestore access key create'";

    public bool Required { get; } = required;

    /// <summary>The principal of the call; throws UNAUTHENTICATED when a key is required and the header does not carry a valid one.</summary>
    public string Principal(RegistrySnapshot snapshot, string? authorization, DateTimeOffset now)
    {
        if (authorization is null && !Required)
        {
            return Anonymous;
        }

        return snapshot.Callers.Authenticate(authorization, now)
            ?? (Required ? throw new FeatureRequestException(FeatureRequestError.Unauthenticated, Unauthenticated) : Anonymous);
    }

    /// <summary>The principal's access to <paramref name="plan"/>: one dictionary lookup after the first call; throws PERMISSION_DENIED when refused.</summary>
    public PlanAccess ForPlan(RegistrySnapshot snapshot, ReadPlan plan, string principal)
    {
        if (!plan.Access.TryGetValue(principal, out var access))
        {
            access = plan.Access.GetOrAdd(principal, Decide(snapshot.Policy, plan, principal));
        }

        return access.Denial is { } denial ? throw new FeatureRequestException(FeatureRequestError.PermissionDenied, denial) : access;
    }

    /// <summary>PushFeatures: with keys required, the principal needs an online grant covering every feature of every live version of the view. An unknown view is left to the pusher (NOT_FOUND).</summary>
    public void CheckPush(RegistrySnapshot snapshot, string viewName, string? authorization, DateTimeOffset now)
    {
        if (!Required)
        {
            return;
        }

        var principal = Principal(snapshot, authorization, now);
        var view = snapshot.Definitions.FeatureViews.FirstOrDefault(v => string.Equals(v.Name, viewName, StringComparison.Ordinal));
        if (view is null)
        {
            return;
        }

        // A pushed record is written to every live version of the view, so each version's features (and PII classes) count.
        var features = LiveViews.Versions(view).SelectMany(v => v.Features.Select(f => (Label: ReferenceEquals(v, view) ? view.Name : LiveView.Pinned(view.Name, v.Version), f.Name)));
        var denials = snapshot.Policy.Check(principal, features, AccessMode.Online);
        if (denials.Count > 0)
        {
            throw new FeatureRequestException(
                FeatureRequestError.PermissionDenied, $"principal '{principal}' may not push to feature view '{view.Name}': {Describe(denials)}");
        }
    }

    private PlanAccess Decide(AccessPolicy policy, ReadPlan plan, string principal)
    {
        // Views are checked by label, so a pinned version (view@N) is judged by the grants and PII classes of that version.
        var picks = new (string View, string Feature)[plan.FeatureCount];
        for (var slot = 0; slot < picks.Length; slot++)
        {
            var (v, f) = plan.SlotSources[slot];
            picks[slot] = (plan.Views[v].Label, plan.Views[v].FeatureNames[f]);
        }

        if (Required && policy.Check(principal, picks, AccessMode.Online) is { Count: > 0 } denials)
        {
            return new PlanAccess($"principal '{principal}' may not read {Count(denials.Count)} online: {Describe(denials)}", []);
        }

        var pii = new List<PlanAccess.PiiSlot>();
        for (var v = 0; v < plan.Views.Count; v++)
        {
            var read = plan.Views[v];
            for (var f = 0; f < read.FeatureNames.Length; f++)
            {
                if (policy.PiiOf(read.Label, read.FeatureNames[f]) is PiiClass.Personal or PiiClass.Sensitive)
                {
                    pii.Add(new PlanAccess.PiiSlot(v, f, audit.Counter(principal, $"{read.Label}:{read.FeatureNames[f]}")));
                }
            }
        }

        return new PlanAccess(null, [.. pii]);
    }

    private static string Count(int features) => features == 1 ? "1 feature" : $"{features} features";

    private static string Describe(IReadOnlyList<AccessDenial> denials) =>
        string.Join("; ", denials.Select(d => $"{d.Reference} ({d.Pii.ToString().ToLowerInvariant()}): {d.Reason}"));
}
