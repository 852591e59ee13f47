using System.Text.RegularExpressions;
using FeatureStore.Registry.Access;
using FeatureStore.Registry.Model;

namespace FeatureStore.Registry.Tests.Access;

/// <summary>API keys: the token shape, the salted slow hash, and what authenticates (through <see cref="AccessPolicy"/>).</summary>
public sealed class ApiKeysTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly RegistryDefinitions NoDefinitions = new("demo", [], [], [], []);

    [Fact]
    public void A_created_key_round_trips_through_parse_and_verify()
    {
        var (token, record) = ApiKeys.Create("ranking-service", "alice@host", Now, Now.AddDays(90));

        Assert.Matches(new Regex("^fsk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$"), token);
        Assert.True(ApiKeys.TryParse(token, out var keyId, out var secret));
        Assert.Equal(record.KeyId, keyId);
        Assert.True(ApiKeys.Verify(record, secret));
        Assert.Equal(("ranking-service", "alice@host", Now, Now.AddDays(90), (DateTimeOffset?)null), (record.Principal, record.CreatedBy, record.CreatedAt, record.ExpiresAt, record.RevokedAt));
        Assert.Equal(ApiKeys.DefaultIterations, record.Iterations);
    }

    [Fact]
    public void The_stored_record_holds_neither_the_secret_nor_the_token()
    {
        var (token, record) = ApiKeys.Create("ranking-service", "alice", Now);
        ApiKeys.TryParse(token, out _, out var secret);

        var json = RegistryJson.Serialize(record);

        Assert.DoesNotContain(secret, json, StringComparison.Ordinal);
        Assert.DoesNotContain(token, json, StringComparison.Ordinal);
        Assert.NotEqual(secret, record.Hash);
        Assert.Equal(record, RegistryJson.Deserialize<AccessKeyRecord>(json));
    }

    [Fact]
    public void Two_keys_of_one_principal_get_different_ids_salts_and_hashes()
    {
        var first = ApiKeys.Create("svc", "alice", Now).Record;
        var second = ApiKeys.Create("svc", "alice", Now).Record;

        Assert.NotEqual(first.KeyId, second.KeyId);
        Assert.NotEqual(first.Salt, second.Salt);
        Assert.NotEqual(first.Hash, second.Hash);
    }

    [Fact]
    public void A_wrong_secret_does_not_verify_even_one_character_off()
    {
        var (token, record) = ApiKeys.Create("svc", "alice", Now);
        ApiKeys.TryParse(token, out _, out var secret);
        var flipped = (secret[0] == 'A' ? 'B' : 'A') + secret[1..];

        Assert.False(ApiKeys.Verify(record, flipped));
        Assert.False(ApiKeys.Verify(record, secret + "x"));
        Assert.False(ApiKeys.Verify(record, ""));
    }

    [Fact]
    public void The_policy_authenticates_a_good_key_and_refuses_wrong_secret_expired_revoked_and_unknown()
    {
        var (good, goodRecord) = ApiKeys.Create("ranking", "alice", Now);
        var (expiring, expiringRecord) = ApiKeys.Create("expiring", "alice", Now, Now.AddHours(1));
        var (revoked, revokedRecord) = ApiKeys.Create("revoked", "alice", Now);
        var (unknown, _) = ApiKeys.Create("unknown", "alice", Now);
        var policy = AccessPolicy.From(NoDefinitions, [goodRecord, expiringRecord, revokedRecord with { RevokedAt = Now.AddMinutes(1) }], []);
        var wrongSecret = good[..^1] + (good[^1] == 'A' ? 'B' : 'A');

        Assert.Equal("ranking", policy.Authenticate(good, Now));
        Assert.Equal("ranking", policy.Authenticate(good, Now.AddYears(5)));
        Assert.Null(policy.Authenticate(wrongSecret, Now));
        Assert.Equal("expiring", policy.Authenticate(expiring, Now.AddMinutes(59)));
        Assert.Null(policy.Authenticate(expiring, Now.AddHours(1)));
        Assert.Null(policy.Authenticate(revoked, Now.AddMinutes(2)));
        Assert.Null(policy.Authenticate(unknown, Now));
    }

    [Fact]
    public void After_a_good_key_was_verified_once_a_wrong_secret_for_it_is_still_refused()
    {
        var (good, record) = ApiKeys.Create("ranking", "alice", Now);
        var policy = AccessPolicy.From(NoDefinitions, [record], []);

        Assert.Equal("ranking", policy.Authenticate(good, Now));
        Assert.Null(policy.Authenticate(good[..^2] + "zz", Now));
        Assert.Equal("ranking", policy.Authenticate(good, Now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("fsk_")]
    [InlineData("not-a-key")]
    [InlineData("Bearer fsk_0123456789ab_abcdefghijklmnopqrstuvwxyz")]
    [InlineData("FSK_0123456789ab_abcdefghijklmnopqrstuvwxyz")]
    [InlineData("fsk_0123456789a_abcdefghijklmnopqrstuvwxyz")]
    [InlineData("fsk_0123456789abc_abcdefghijklmnopqrstuvwxyz")]
    [InlineData("fsk_0123456789ab_short")]
    [InlineData("fsk_0123456789ababcdefghijklmnopqrstuvwxyz")]
    public void Malformed_tokens_are_refused(string? token)
    {
        var (_, record) = ApiKeys.Create("svc", "alice", Now);
        var policy = AccessPolicy.From(NoDefinitions, [record with { KeyId = "0123456789ab" }], []);

        Assert.False(ApiKeys.TryParse(token, out _, out _));
        Assert.Null(policy.Authenticate(token, Now));
    }

    [Theory]
    [InlineData("ranking-service")]
    [InlineData("alice@example.com")]
    [InlineData("team.ml_1")]
    [InlineData("9lives")]
    public void Principal_names_of_the_documented_shape_are_accepted(string name) => PrincipalNames.Validate(name);

    [Theory]
    [InlineData("")]
    [InlineData("Ranking")]
    [InlineData("-svc")]
    [InlineData("svc name")]
    [InlineData("svc:admin")]
    [InlineData("svc/x")]
    public void Principal_names_of_another_shape_are_refused_naming_them(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => ApiKeys.Create(name, "alice", Now));

        Assert.Contains($"principal '{name}' is not a valid name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_principal_name_longer_than_128_characters_is_refused()
    {
        Assert.Throws<ArgumentException>(() => PrincipalNames.Validate(new string('a', 129)));
        PrincipalNames.Validate(new string('a', 128));
    }
}
