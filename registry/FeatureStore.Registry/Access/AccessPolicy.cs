using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using FeatureStore.Registry.Model;
using FeatureStore.Registry.Storage;
using FeatureStore.Registry.Planning;

namespace FeatureStore.Registry.Access;

/// <summary>
/// The keys and grants of a project at one registry revision, compiled for checks that need no registry query: which
/// key authenticates which principal, and which features (with their PII class) each principal may read online and
/// offline. Build a new one when the revision changes; a revoked key then stops authenticating.
/// </summary>
public sealed class AccessPolicy
{
    private readonly FrozenDictionary<string, AccessKeyRecord> keys;
    private readonly FrozenDictionary<string, PiiClass> piiByReference;
    private readonly FrozenDictionary<(string Principal, AccessMode Mode), FrozenDictionary<string, PiiClass>> ceilings;
    private readonly ConcurrentDictionary<string, byte[]> verifiedSecrets = new(StringComparer.Ordinal);

    private AccessPolicy(RegistryDefinitions definitions, IReadOnlyList<AccessKeyRecord> keyRecords, IReadOnlyList<GrantDefinition> grants)
    {
        Keys = keyRecords;
        Grants = grants;
        keys = keyRecords.ToFrozenDictionary(k => k.KeyId, StringComparer.Ordinal);
        piiByReference = LiveViews.All(definitions)
            .SelectMany(v => v.Definition.Features.Select(f => ($"{v.Label}:{f.Name}", f.Pii)))
            .ToFrozenDictionary(p => p.Item1, p => p.Pii, StringComparer.Ordinal);
        ceilings = CompileCeilings(definitions, grants);
    }

    public IReadOnlyList<AccessKeyRecord> Keys { get; }

    public IReadOnlyList<GrantDefinition> Grants { get; }

    public static AccessPolicy From(RegistryState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var keyRecords = state.Objects.Where(o => o.Kind == ObjectKind.AccessKey)
            .Select(o => RegistryJson.Deserialize<AccessKeyRecord>(o.DefinitionJson)).ToList();
        var grants = state.Objects.Where(o => o.Kind == ObjectKind.Grant)
            .Select(o => RegistryJson.Deserialize<GrantDefinition>(o.DefinitionJson)).ToList();
        return new AccessPolicy(state.ToDefinitions(), keyRecords, grants);
    }

    public static AccessPolicy From(RegistryDefinitions definitions, IReadOnlyList<AccessKeyRecord> keyRecords, IReadOnlyList<GrantDefinition> grants) =>
        new(definitions, keyRecords, grants);

    /// <summary>
    /// The principal a bearer token authenticates at <paramref name="now"/>, or null (malformed, unknown, revoked,
    /// expired or wrong secret). The slow hash runs once per key and policy; later calls compare a SHA-256 of the
    /// secret in constant time.
    /// </summary>
    public string? Authenticate(string? token, DateTimeOffset now)
    {
        if (!ApiKeys.TryParse(token, out var keyId, out var secret) || !keys.TryGetValue(keyId, out var record) || !record.IsActive(now))
        {
            return null;
        }

        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(secret));
        if (verifiedSecrets.TryGetValue(keyId, out var known))
        {
            return CryptographicOperations.FixedTimeEquals(known, digest) ? record.Principal : null;
        }

        if (!ApiKeys.Verify(record, secret))
        {
            return null;
        }

        verifiedSecrets[keyId] = digest;
        return record.Principal;
    }

    // Views are named by label throughout: "view" is the newest version, "view@N" a live version (see LiveViews).

    /// <summary>The PII class of "view:feature", or null when no registered view declares it.</summary>
    public PiiClass? PiiOf(string view, string feature) => piiByReference.TryGetValue($"{view}:{feature}", out var pii) ? pii : null;

    /// <summary>The requested features <paramref name="principal"/> may not read on <paramref name="mode"/>: none when every one is granted.</summary>
    public IReadOnlyList<AccessDenial> Check(string principal, IEnumerable<(string View, string Feature)> features, AccessMode mode)
    {
        ArgumentNullException.ThrowIfNull(features);
        var granted = ceilings.GetValueOrDefault((principal, mode));
        var denials = new List<AccessDenial>();
        foreach (var (view, feature) in features)
        {
            var reference = $"{view}:{feature}";
            var pii = piiByReference.GetValueOrDefault(reference);
            if (granted is null || !granted.TryGetValue(reference, out var ceiling))
            {
                denials.Add(new AccessDenial(view, feature, pii, $"no {Label(mode)} grant covers it"));
            }
            else if (pii > ceiling)
            {
                denials.Add(new AccessDenial(view, feature, pii, $"its PII class {ValueText.Pii(pii)} is above the grant's {ValueText.Pii(ceiling)}"));
            }
        }

        return denials;
    }

    /// <summary>The grants of <paramref name="principal"/>, by target.</summary>
    public IReadOnlyList<GrantDefinition> GrantsOf(string principal) =>
        [.. Grants.Where(g => g.Principal == principal).OrderBy(g => g.TargetKind).ThenBy(g => g.Target, StringComparer.Ordinal)];

    /// <summary>
    /// The "label:feature" references a grant covers: a view grant every feature of every live version under every label;
    /// a service grant what each selection names (an empty list: every feature of that version), under its label and,
    /// for the newest version, under the bare name and <c>name@N</c> too.
    /// </summary>
    private static IEnumerable<string> Covered(GrantDefinition grant, RegistryDefinitions definitions, Dictionary<string, FeatureServiceDefinition> services)
    {
        if (grant.TargetKind == GrantTargetKind.FeatureView)
        {
            return LiveViews.All(definitions)
                .Where(v => v.Definition.Name == grant.Target)
                .SelectMany(v => v.Definition.Features.Select(f => $"{v.Label}:{f.Name}"));
        }

        if (!services.TryGetValue(grant.Target, out var service))
        {
            return [];
        }

        var covered = new List<string>();
        foreach (var selection in service.Features)
        {
            if (LiveViews.Find(definitions, selection.View, out _) is not { } live)
            {
                continue;
            }

            var labels = live.IsNewest ? new[] { live.Definition.Name, LiveView.Pinned(live.Definition.Name, live.Definition.Version) } : [live.Label];
            var features = selection.Features.Count > 0 ? selection.Features : live.Definition.Features.Select(f => f.Name);
            covered.AddRange(labels.SelectMany(label => features.Select(f => $"{label}:{f}")));
        }

        return covered;
    }

    private static string Label(AccessMode mode) => mode == AccessMode.Online ? "online" : "offline";

    /// <summary>For each principal and mode, the highest PII class granted per "view:feature" it may read.</summary>
    private static FrozenDictionary<(string, AccessMode), FrozenDictionary<string, PiiClass>> CompileCeilings(
        RegistryDefinitions definitions, IReadOnlyList<GrantDefinition> grants)
    {
        var services = definitions.FeatureServices.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var result = new Dictionary<(string, AccessMode), Dictionary<string, PiiClass>>();
        foreach (var grant in grants)
        {
            var covered = Covered(grant, definitions, services).ToList();
            foreach (var mode in new[] { AccessMode.Online, AccessMode.Offline }.Where(grant.Allows))
            {
                if (!result.TryGetValue((grant.Principal, mode), out var map))
                {
                    result[(grant.Principal, mode)] = map = new Dictionary<string, PiiClass>(StringComparer.Ordinal);
                }

                foreach (var reference in covered)
                {
                    map[reference] = map.TryGetValue(reference, out var current) && current > grant.MaxPii ? current : grant.MaxPii;
                }
            }
        }

        return result.ToFrozenDictionary(e => e.Key, e => e.Value.ToFrozenDictionary(StringComparer.Ordinal));
    }
}
