using System.Text;
using FeatureStore.Registry.Access;
using FeatureStore.Registry.Model;
using FeatureStore.Sdk.Access;

namespace FeatureStore.Sdk.Tests.Access;

/// <summary>API keys through the session on the embedded SQLite registry: create, authenticate, list, revoke, expire.</summary>
public sealed class AccessKeySessionTests
{
    [Fact]
    public async Task A_created_key_authenticates_its_principal_and_is_listed_without_its_secret()
    {
        await using var repo = await AppliedRepo.CreateAsync();

        var (token, record) = await repo.Store.CreateAccessKeyAsync("ranking-service", TimeSpan.FromDays(90));

        Assert.Equal("ranking-service", await repo.Store.AuthenticateAsync(token));
        Assert.Equal(repo.Clock.Now.AddDays(90), record.ExpiresAt);
        var listed = Assert.Single(await repo.Store.ListAccessKeysAsync());
        Assert.Equal(record, listed);
        Assert.Equal(AccessKeyStatus.Active, AccessKeyStatuses.Of(listed, repo.Clock.Now));
        Assert.Empty(await repo.Store.ListAccessKeysAsync("someone-else"));
        var change = Assert.Single(Assert.Single(await repo.Store.HistoryAsync(record.KeyId)).Changes);
        Assert.Equal((ObjectKind.AccessKey, Registry.Storage.ChangeType.Added), (change.Kind, change.Change));
        Assert.DoesNotContain(token, change.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_secret_is_stored_nowhere_in_the_registry_files()
    {
        await using var repo = await AppliedRepo.CreateAsync();
        var (token, _) = await repo.Store.CreateAccessKeyAsync("ranking-service");
        Assert.True(ApiKeys.TryParse(token, out _, out var secret));

        var files = Directory.GetFiles(repo.Repo.PathOf(".featurestore"), "registry.db*");
        Assert.Contains(files, f => f.EndsWith("registry.db", StringComparison.Ordinal));
        foreach (var file in files)
        {
            byte[] bytes;
            await using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            {
                bytes = new byte[stream.Length];
                await stream.ReadExactlyAsync(bytes);
            }

            Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)));
        }

        var audit = await repo.Store.QueryAuditAsync(new Registry.Storage.AuditQuery());
        Assert.DoesNotContain(audit, line => line.Entry.Subject.Contains(secret, StringComparison.Ordinal) || line.Entry.Detail.Contains(secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_revoked_key_stops_authenticating_and_stays_revoked_at_its_first_revocation()
    {
        await using var repo = await AppliedRepo.CreateAsync();
        var (token, record) = await repo.Store.CreateAccessKeyAsync("ranking-service");
        Assert.Equal("ranking-service", await repo.Store.AuthenticateAsync(token));

        var revoked = await repo.Store.RevokeAccessKeyAsync(record.KeyId);
        repo.Clock.Now = repo.Clock.Now.AddMinutes(5);
        var again = await repo.Store.RevokeAccessKeyAsync(record.KeyId);

        var error = await Assert.ThrowsAsync<FeatureStoreException>(() => repo.Store.AuthenticateAsync(token));
        Assert.Equal(FeatureStoreErrorCode.Unauthenticated, error.Code);
        Assert.DoesNotContain(token, error.Message, StringComparison.Ordinal);
        Assert.Equal(revoked.RevokedAt, again.RevokedAt);
        Assert.Equal(AccessKeyStatus.Revoked, AccessKeyStatuses.Of(Assert.Single(await repo.Store.ListAccessKeysAsync()), repo.Clock.Now));
        var history = await repo.Store.HistoryAsync(record.KeyId);
        Assert.Equal([Registry.Storage.ChangeType.Changed, Registry.Storage.ChangeType.Added], history.Select(h => Assert.Single(h.Changes).Change));
    }

    [Fact]
    public async Task An_expired_key_no_longer_authenticates()
    {
        await using var repo = await AppliedRepo.CreateAsync();
        var (token, record) = await repo.Store.CreateAccessKeyAsync("batch-job", TimeSpan.FromHours(1));

        repo.Clock.Now = repo.Clock.Now.AddMinutes(59);
        Assert.Equal("batch-job", await repo.Store.AuthenticateAsync(token));
        repo.Clock.Now = repo.Clock.Now.AddMinutes(2);

        Assert.Equal(FeatureStoreErrorCode.Unauthenticated, (await Assert.ThrowsAsync<FeatureStoreException>(() => repo.Store.AuthenticateAsync(token))).Code);
        Assert.Equal(AccessKeyStatus.Expired, AccessKeyStatuses.Of(record, repo.Clock.Now));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("fsk_0123456789ab_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG")]
    [InlineData("garbage")]
    public async Task A_missing_malformed_or_unknown_key_is_unauthenticated_and_never_echoed(string apiKey)
    {
        await using var repo = await AppliedRepo.CreateAsync();
        await repo.Store.CreateAccessKeyAsync("ranking-service");

        var error = await Assert.ThrowsAsync<FeatureStoreException>(() => repo.Store.AuthenticateAsync(apiKey));

        Assert.Equal(FeatureStoreErrorCode.Unauthenticated, error.Code);
        if (apiKey.Trim().Length > 0)
            Assert.DoesNotContain(apiKey, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_secret_for_a_real_key_id_is_unauthenticated()
    {
        await using var repo = await AppliedRepo.CreateAsync();
        var (token, _) = await repo.Store.CreateAccessKeyAsync("ranking-service");

        var forged = token[..^4] + (token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");

        Assert.Equal(FeatureStoreErrorCode.Unauthenticated, (await Assert.ThrowsAsync<FeatureStoreException>(() => repo.Store.AuthenticateAsync(forged))).Code);
        Assert.Equal("ranking-service", await repo.Store.AuthenticateAsync(token));
    }

    [Fact]
    public async Task Bad_requests_are_refused_naming_what_is_wrong_and_write_nothing()
    {
        await using var repo = await AppliedRepo.CreateAsync();
        var (token, _) = await repo.Store.CreateAccessKeyAsync("ranking-service");
        var revision = (await repo.Store.HistoryAsync(limit: 1))[0].Revision;

        var badName = await Assert.ThrowsAsync<FeatureStoreException>(() => repo.Store.CreateAccessKeyAsync("Ranking Service"));
        var badExpiry = await Assert.ThrowsAsync<FeatureStoreException>(() => repo.Store.CreateAccessKeyAsync("svc", TimeSpan.Zero));
        var unknown = await Assert.ThrowsAsync<FeatureStoreException>(() => repo.Store.RevokeAccessKeyAsync("0123456789ab"));
        var wholeToken = await Assert.ThrowsAsync<FeatureStoreException>(() => repo.Store.RevokeAccessKeyAsync(token));
        var shortId = await Assert.ThrowsAsync<FeatureStoreException>(() => repo.Store.RevokeAccessKeyAsync("12ab"));

        Assert.Equal(FeatureStoreErrorCode.InvalidAccessRequest, badName.Code);
        Assert.StartsWith("principal 'Ranking Service' is not a valid name", badName.Message, StringComparison.Ordinal);
        Assert.Equal(FeatureStoreErrorCode.InvalidAccessRequest, badExpiry.Code);
        Assert.Contains("must be in the future", badExpiry.Message, StringComparison.Ordinal);
        Assert.Equal((FeatureStoreErrorCode.NotFound, "no access key '0123456789ab' in project 'rides'"), (unknown.Code, unknown.Message));
        Assert.Equal(FeatureStoreErrorCode.InvalidAccessRequest, wholeToken.Code);
        Assert.DoesNotContain(token[4..], wholeToken.Message, StringComparison.Ordinal);
        Assert.StartsWith("'12ab' is not a key id", shortId.Message, StringComparison.Ordinal);
        Assert.Equal(revision, (await repo.Store.HistoryAsync(limit: 1))[0].Revision);
    }
}
