namespace FeatureStore.Sdk.Tests.Access;

[CollectionDefinition(nameof(ApiKeyEnvironment), DisableParallelization = true)]
public sealed class ApiKeyEnvironment;

/// <summary>
/// The key in $FEATURESTORE_API_KEY authenticates when no key is passed; an explicit key wins. Runs alone: it sets a
/// variable of the whole test process.
/// </summary>
[Collection(nameof(ApiKeyEnvironment))]
public sealed class ApiKeyEnvironmentTests
{
    [Fact]
    public async Task The_environment_key_is_used_when_none_is_passed_and_an_explicit_key_wins()
    {
        await using var repo = await AppliedRepo.CreateAsync();
        var (fromEnvironment, _) = await repo.Store.CreateAccessKeyAsync("batch-job");
        var (explicitKey, _) = await repo.Store.CreateAccessKeyAsync("ranking-service");
        var saved = Environment.GetEnvironmentVariable(FeatureStoreSession.ApiKeyVariable);
        try
        {
            Environment.SetEnvironmentVariable(FeatureStoreSession.ApiKeyVariable, fromEnvironment);
            Assert.Equal("batch-job", await repo.Store.AuthenticateAsync());
            Assert.Equal("ranking-service", await repo.Store.AuthenticateAsync(explicitKey));

            Environment.SetEnvironmentVariable(FeatureStoreSession.ApiKeyVariable, null);
            var missing = await Assert.ThrowsAsync<FeatureStoreException>(() => repo.Store.AuthenticateAsync());
            Assert.Equal(FeatureStoreErrorCode.Unauthenticated, missing.Code);
            Assert.StartsWith("no API key: set FEATURESTORE_API_KEY", missing.Message, StringComparison.Ordinal);

            Environment.SetEnvironmentVariable(FeatureStoreSession.ApiKeyVariable, fromEnvironment[..^3] + "xyz");
            var wrong = await Assert.ThrowsAsync<FeatureStoreException>(() => repo.Store.AuthenticateAsync());
            Assert.Equal(FeatureStoreErrorCode.Unauthenticated, wrong.Code);
            Assert.StartsWith("$FEATURESTORE_API_KEY does not authenticate", wrong.Message, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(FeatureStoreSession.ApiKeyVariable, saved);
        }
    }
}
