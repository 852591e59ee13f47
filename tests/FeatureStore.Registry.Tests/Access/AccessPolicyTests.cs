using FeatureStore.Registry.Access;
using FeatureStore.Registry.Model;
using FeatureStore.Registry.Storage;

namespace FeatureStore.Registry.Tests.Access;

/// <summary>
/// The access matrix: principals with view and service grants at each PII ceiling, online and offline, against
/// features of each PII class; every cell is allowed, denied for want of a grant, or denied for its PII class.
/// </summary>
public sealed class AccessPolicyTests
{
    private static readonly FeatureViewDefinition Profile = new("profile", ["customer"],
    [
        new FeatureDefinition("spend", FeatureType.Float64),
        new FeatureDefinition("age", FeatureType.Int32, Pii: PiiClass.Personal),
        new FeatureDefinition("credit_score", FeatureType.Int32, Pii: PiiClass.Sensitive),
    ], "profile_source", "risk@corp");

    private static readonly FeatureViewDefinition Stats = new("stats", ["driver"],
        [new FeatureDefinition("conv_rate", FeatureType.Float32)], "stats_source", "ml@corp");

    // Selects two profile features and, with an empty selection, every feature of stats.
    private static readonly FeatureServiceDefinition Risk = new("risk",
        [new FeatureSelection("profile", ["spend", "age"]), new FeatureSelection("stats", [])], "risk@corp");

    private static readonly RegistryDefinitions Definitions = new("demo", [], [], [Profile, Stats], [Risk]);

    private static readonly AccessPolicy Policy = AccessPolicy.From(Definitions, [],
    [
        ViewGrant("view-none", "profile", PiiClass.None),
        ViewGrant("view-personal", "profile", PiiClass.Personal),
        ViewGrant("view-sensitive", "profile", PiiClass.Sensitive),
        new GrantDefinition("service-online", GrantTargetKind.FeatureService, "risk", PiiClass.Sensitive, Online: true, Offline: false),
        new GrantDefinition("view-offline", GrantTargetKind.FeatureView, "profile", PiiClass.Personal, Online: false, Offline: true),
        // Two grants covering profile:age; the higher ceiling decides.
        new GrantDefinition("layered", GrantTargetKind.FeatureService, "risk", PiiClass.None, Online: true, Offline: true),
        new GrantDefinition("layered", GrantTargetKind.FeatureView, "profile", PiiClass.Personal, Online: true, Offline: false),
        ViewGrant("dangling", "no_such_view", PiiClass.Sensitive),
    ]);

    public static TheoryData<string, string, AccessMode, string> Matrix()
    {
        var data = new TheoryData<string, string, AccessMode, string>();
        void Both(string principal, string feature, string online, string offline)
        {
            data.Add(principal, feature, AccessMode.Online, online);
            data.Add(principal, feature, AccessMode.Offline, offline);
        }

        // A view grant covers every feature of the view, up to its PII ceiling, in the modes it names.
        Both("view-none", "profile:spend", "allowed", "allowed");
        Both("view-none", "profile:age", "pii", "pii");
        Both("view-none", "profile:credit_score", "pii", "pii");
        Both("view-none", "stats:conv_rate", "no grant", "no grant");
        Both("view-personal", "profile:spend", "allowed", "allowed");
        Both("view-personal", "profile:age", "allowed", "allowed");
        Both("view-personal", "profile:credit_score", "pii", "pii");
        Both("view-sensitive", "profile:spend", "allowed", "allowed");
        Both("view-sensitive", "profile:age", "allowed", "allowed");
        Both("view-sensitive", "profile:credit_score", "allowed", "allowed");
        // A service grant covers the features the service selects, nothing else of the view.
        Both("service-online", "profile:spend", "allowed", "no grant");
        Both("service-online", "profile:age", "allowed", "no grant");
        Both("service-online", "profile:credit_score", "no grant", "no grant");
        Both("service-online", "stats:conv_rate", "allowed", "no grant");
        // Offline-only grants give nothing online.
        Both("view-offline", "profile:spend", "no grant", "allowed");
        Both("view-offline", "profile:age", "no grant", "allowed");
        Both("view-offline", "profile:credit_score", "no grant", "pii");
        Both("layered", "profile:age", "allowed", "pii");
        Both("layered", "stats:conv_rate", "allowed", "allowed");
        Both("dangling", "profile:spend", "no grant", "no grant");
        Both("nobody", "profile:spend", "no grant", "no grant");
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Each_cell_of_the_matrix(string principal, string feature, AccessMode mode, string expected)
    {
        var (view, name) = (feature.Split(':')[0], feature.Split(':')[1]);

        var denials = Policy.Check(principal, [(view, name)], mode);

        var modeName = mode == AccessMode.Online ? "online" : "offline";
        switch (expected)
        {
            case "allowed":
                Assert.Empty(denials);
                break;
            case "no grant":
                Assert.Equal($"no {modeName} grant covers it", Assert.Single(denials).Reason);
                break;
            default:
                var denial = Assert.Single(denials);
                Assert.StartsWith($"its PII class {Policy.PiiOf(view, name)!.Value.ToString().ToLowerInvariant()} is above the grant's ", denial.Reason, StringComparison.Ordinal);
                break;
        }
    }

    [Fact]
    public void A_check_of_several_features_names_each_denied_one_with_its_pii_class()
    {
        var denials = Policy.Check("view-none", [("profile", "spend"), ("profile", "age"), ("profile", "credit_score"), ("stats", "conv_rate")], AccessMode.Online);

        Assert.Equal(
            [("profile:age", PiiClass.Personal, "its PII class personal is above the grant's none"),
             ("profile:credit_score", PiiClass.Sensitive, "its PII class sensitive is above the grant's none"),
             ("stats:conv_rate", PiiClass.None, "no online grant covers it")],
            denials.Select(d => (d.Reference, d.Pii, d.Reason)));
    }

    [Fact]
    public void Pii_classes_and_grants_are_looked_up_by_reference_and_principal()
    {
        Assert.Equal(PiiClass.Sensitive, Policy.PiiOf("profile", "credit_score"));
        Assert.Null(Policy.PiiOf("profile", "missing"));
        Assert.Equal(
            [(GrantTargetKind.FeatureService, "risk"), (GrantTargetKind.FeatureView, "profile")],
            Policy.GrantsOf("layered").Select(g => (g.TargetKind, g.Target)));
        Assert.Empty(Policy.GrantsOf("nobody"));
    }

    [Fact]
    public void A_policy_read_from_a_registry_state_sees_the_stored_keys_and_grants()
    {
        var (token, key) = ApiKeys.Create("svc", "alice", DateTimeOffset.UtcNow);
        var grant = ViewGrant("svc", "stats", PiiClass.None);
        var objects = new List<StoredObject>
        {
            new(ObjectKind.FeatureView, "stats", 1, RegistryJson.Serialize(Stats), DateTimeOffset.UtcNow),
            new(ObjectKind.AccessKey, key.KeyId, 1, RegistryJson.Serialize(key), DateTimeOffset.UtcNow),
            new(ObjectKind.Grant, grant.Name, 1, RegistryJson.Serialize(grant), DateTimeOffset.UtcNow),
        };

        var policy = AccessPolicy.From(new RegistryState("demo", 3, objects));

        Assert.Equal("svc", policy.Authenticate(token, DateTimeOffset.UtcNow));
        Assert.Empty(policy.Check("svc", [("stats", "conv_rate")], AccessMode.Online));
        Assert.Equal(grant, Assert.Single(policy.Grants));
    }

    private static GrantDefinition ViewGrant(string principal, string view, PiiClass ceiling) =>
        new(principal, GrantTargetKind.FeatureView, view, ceiling, Online: true, Offline: true);
}
