using FeatureStore.Registry.Access;
using FeatureStore.Registry.Model;
using FeatureStore.Registry.Storage;
using FeatureStore.Sdk.Access;
using FeatureStore.Sdk.Errors;

namespace FeatureStore.Sdk;

// Governance: API keys and grants (registry objects, versioned in the history), authentication, the audit log.
public sealed partial class FeatureStoreSession
{
    /// <summary>The environment variable holding the caller's API key when none is passed.</summary>
    public const string ApiKeyVariable = "FEATURESTORE_API_KEY";

    private readonly AuditPurgeSchedule auditPurge = new();
    private volatile PolicyAtRevision? accessPolicy;

    /// <summary>
    /// Creates an API key for <paramref name="principal"/>: returns the token (show it once: only a salted hash is
    /// stored) and the stored record. The key never expires when <paramref name="expiresIn"/> is null.
    /// </summary>
    /// <exception cref="FeatureStoreException"><see cref="FeatureStoreErrorCode.InvalidAccessRequest"/> for a bad principal
    /// name or an expiry that is not positive; a registry that cannot be reached.</exception>
    public async Task<(string Token, AccessKeyRecord Record)> CreateAccessKeyAsync(
        string principal, TimeSpan? expiresIn = null, CancellationToken cancellationToken = default)
    {
        ValidatePrincipal(principal);
        if (expiresIn is { } lifetime && lifetime <= TimeSpan.Zero)
            throw new FeatureStoreException(FeatureStoreErrorCode.InvalidAccessRequest, $"the expiry of a key for '{principal}' must be in the future (got {lifetime})");
        var now = settings.Clock.GetUtcNow();
        var created = ApiKeys.Create(principal, AccessActor, now, now + expiresIn);
        await CommitAccessAsync(_ => [AccessWrites.AddKey(created.Record)], cancellationToken).ConfigureAwait(false);
        return created;
    }

    /// <summary>The project's API keys (every principal's, or one's), oldest first. Records carry hashes, never secrets.</summary>
    public async Task<IReadOnlyList<AccessKeyRecord>> ListAccessKeysAsync(string? principal = null, CancellationToken cancellationToken = default)
    {
        if (principal is not null)
            ValidatePrincipal(principal);
        var state = await FeatureStoreErrors.GuardAsync(() => LoadStateAsync(cancellationToken)).ConfigureAwait(false);
        return [.. KeysIn(state).Where(k => principal is null || k.Principal == principal)
            .OrderBy(k => k.CreatedAt).ThenBy(k => k.KeyId, StringComparer.Ordinal)];
    }

    /// <summary>Revokes the key <paramref name="keyId"/> (the 12 hex digits after <c>fsk_</c>); a revoked key stays revoked.</summary>
    /// <returns>The key as stored after the call.</returns>
    /// <exception cref="FeatureStoreException"><see cref="FeatureStoreErrorCode.NotFound"/> naming an unknown key;
    /// <see cref="FeatureStoreErrorCode.InvalidAccessRequest"/> for something that is not a key id (a whole token is never echoed).</exception>
    public async Task<AccessKeyRecord> RevokeAccessKeyAsync(string keyId, CancellationToken cancellationToken = default)
    {
        ValidateKeyId(keyId);
        AccessKeyRecord? result = null;
        await CommitAccessAsync(state =>
        {
            var key = KeysIn(state).FirstOrDefault(k => k.KeyId == keyId)
                ?? throw new FeatureStoreException(FeatureStoreErrorCode.NotFound, $"no access key '{keyId}' in project '{Project}'");
            if (key.RevokedAt is not null)
            {
                result = key;
                return [];
            }

            result = key with { RevokedAt = settings.Clock.GetUtcNow() };
            return [AccessWrites.RevokeKey(result)];
        }, cancellationToken).ConfigureAwait(false);
        return result!;
    }

    /// <summary>
    /// Gives or changes the grant of <paramref name="grant"/>'s principal on its target (one grant per principal and
    /// target: a second call replaces the first). Returns the recorded change, or null when the same grant already exists.
    /// </summary>
    /// <exception cref="FeatureStoreException"><see cref="FeatureStoreErrorCode.NotFound"/> when the target is not registered;
    /// <see cref="FeatureStoreErrorCode.InvalidAccessRequest"/> for a bad principal or a grant for neither online nor offline.</exception>
    public Task<ApplyRecord?> GrantAsync(GrantDefinition grant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grant);
        ValidatePrincipal(grant.Principal);
        ArgumentException.ThrowIfNullOrWhiteSpace(grant.Target);
        if (!grant.Online && !grant.Offline)
        {
            throw new FeatureStoreException(FeatureStoreErrorCode.InvalidAccessRequest,
                $"the grant of '{grant.Principal}' on {GrantTargets.Describe(grant.TargetKind, grant.Target)} allows neither online nor offline reads");
        }

        return CommitAccessAsync(state =>
        {
            if (state.Find(GrantTargets.ObjectKindOf(grant.TargetKind), grant.Target) is null)
            {
                throw new FeatureStoreException(FeatureStoreErrorCode.NotFound,
                    $"cannot grant {GrantTargets.Describe(grant.TargetKind, grant.Target)}: it is not registered in project '{Project}'");
            }

            var existing = GrantsIn(state).FirstOrDefault(g => g.Name == grant.Name);
            return AccessWrites.PutGrant(grant, existing) is { } write ? [write] : [];
        }, cancellationToken);
    }

    /// <summary>Removes the grant of <paramref name="principal"/> on a target.</summary>
    /// <exception cref="FeatureStoreException"><see cref="FeatureStoreErrorCode.NotFound"/> naming a grant that does not exist.</exception>
    public async Task<ApplyRecord> RevokeGrantAsync(string principal, GrantTargetKind kind, string target, CancellationToken cancellationToken = default)
    {
        ValidatePrincipal(principal);
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        var name = GrantDefinition.NameOf(principal, kind, target);
        var record = await CommitAccessAsync(state =>
        {
            var grant = GrantsIn(state).FirstOrDefault(g => g.Name == name)
                ?? throw new FeatureStoreException(FeatureStoreErrorCode.NotFound,
                    $"principal '{principal}' holds no grant on {GrantTargets.Describe(kind, target)} in project '{Project}'");
            return [AccessWrites.RemoveGrant(grant)];
        }, cancellationToken).ConfigureAwait(false);
        return record!;
    }

    /// <summary>What <paramref name="principal"/> holds: its keys, its grants and the features each grant covers with their PII class.</summary>
    public async Task<AccessOverview> ShowAccessAsync(string principal, CancellationToken cancellationToken = default)
    {
        ValidatePrincipal(principal);
        var state = await FeatureStoreErrors.GuardAsync(() => LoadStateAsync(cancellationToken)).ConfigureAwait(false);
        var definitions = state.ToDefinitions();
        var keys = KeysIn(state).Where(k => k.Principal == principal).OrderBy(k => k.CreatedAt).ToList();
        var grants = GrantsIn(state).Where(g => g.Principal == principal)
            .OrderBy(g => g.TargetKind).ThenBy(g => g.Target, StringComparer.Ordinal)
            .Select(g => GrantCoverage.Of(g, definitions)).ToList();
        return new AccessOverview(principal, keys, grants);
    }

    /// <summary>
    /// The project's keys and grants compiled for checks (see <see cref="AccessPolicy"/>). Reused while the registry
    /// revision stays the same, so a key's slow hash is verified once per revision.
    /// </summary>
    public async Task<AccessPolicy> GetAccessPolicyAsync(CancellationToken cancellationToken = default)
    {
        var revision = await FeatureStoreErrors.GuardAsync(() => Registry.GetRevisionAsync(Project, cancellationToken)).ConfigureAwait(false);
        if (accessPolicy is { } cached && cached.Revision == revision)
            return cached.Policy;
        var state = await FeatureStoreErrors.GuardAsync(() => LoadStateAsync(cancellationToken)).ConfigureAwait(false);
        var compiled = new PolicyAtRevision(state.Revision, AccessPolicy.From(state));
        accessPolicy = compiled;
        return compiled.Policy;
    }

    /// <summary>
    /// The principal an API key authenticates: <paramref name="apiKey"/>, or when null the key in
    /// <c>$FEATURESTORE_API_KEY</c>. Messages never contain the key.
    /// </summary>
    /// <exception cref="FeatureStoreException"><see cref="FeatureStoreErrorCode.Unauthenticated"/> when there is no key, or it is
    /// malformed, unknown, revoked, expired or has the wrong secret.</exception>
    public async Task<string> AuthenticateAsync(string? apiKey = null, CancellationToken cancellationToken = default)
    {
        var token = apiKey ?? Environment.GetEnvironmentVariable(ApiKeyVariable);
        var source = apiKey is null ? $"${ApiKeyVariable}" : "the given API key";
        if (string.IsNullOrWhiteSpace(token))
        {
            throw new FeatureStoreException(FeatureStoreErrorCode.Unauthenticated,
                $"no API key: set {ApiKeyVariable} to a key made by `featurestore access key create --principal NAME`");
        }

        var policy = await GetAccessPolicyAsync(cancellationToken).ConfigureAwait(false);
        return policy.Authenticate(token.Trim(), settings.Clock.GetUtcNow())
            ?? throw new FeatureStoreException(FeatureStoreErrorCode.Unauthenticated,
                $"{source} does not authenticate in project '{Project}': it is malformed, unknown, revoked or expired");
    }

    /// <summary>
    /// Appends lines to the project's audit log. At most once per hour per session it also deletes the lines older than
    /// featurestore.yaml's <c>audit: {retention: ...}</c> (400 days by default).
    /// </summary>
    public Task RecordAuditAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return FeatureStoreErrors.GuardAsync(async () =>
        {
            await Registry.AppendAuditAsync(Project, entries, cancellationToken).ConfigureAwait(false);
            var now = settings.Clock.GetUtcNow();
            if (auditPurge.TryClaim(now))
                await Registry.PurgeAuditAsync(Project, now - Config.Audit.Retention, cancellationToken).ConfigureAwait(false);
            return true;
        });
    }

    /// <summary>Audit lines of the project matching <paramref name="query"/>, newest first.</summary>
    public Task<IReadOnlyList<AuditRecord>> QueryAuditAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.Limit);
        return FeatureStoreErrors.GuardAsync(() => Registry.QueryAuditAsync(Project, query, cancellationToken));
    }

    /// <summary>Registry writes record the OS user (or $FEATURESTORE_ACTOR) as actor, like apply.</summary>
    private static string AccessActor => ApplyOptions.Default.EffectiveActor;

    /// <summary>
    /// Commits the writes <paramref name="writesFor"/> derives from the current state at its revision; after a conflict
    /// (somebody committed in between) it reads the state again and retries once. No writes: nothing is committed (null).
    /// </summary>
    private Task<ApplyRecord?> CommitAccessAsync(Func<RegistryState, IReadOnlyList<ObjectWrite>> writesFor, CancellationToken cancellationToken) =>
        FeatureStoreErrors.GuardAsync<ApplyRecord?>(async () =>
        {
            for (var attempt = 1; ; attempt++)
            {
                var state = await LoadStateAsync(cancellationToken).ConfigureAwait(false);
                var writes = writesFor(state);
                if (writes.Count == 0)
                    return null;
                try
                {
                    return await Registry.CommitAsync(Project, state.Revision, AccessActor, writes, cancellationToken).ConfigureAwait(false);
                }
                catch (RegistryConflictException) when (attempt == 1)
                {
                    // Another writer landed between our read and commit: derive the writes again from the new state.
                }
            }
        });

    private static IEnumerable<AccessKeyRecord> KeysIn(RegistryState state) =>
        state.Objects.Where(o => o.Kind == ObjectKind.AccessKey).Select(o => RegistryJson.Deserialize<AccessKeyRecord>(o.DefinitionJson));

    private static IEnumerable<GrantDefinition> GrantsIn(RegistryState state) =>
        state.Objects.Where(o => o.Kind == ObjectKind.Grant).Select(o => RegistryJson.Deserialize<GrantDefinition>(o.DefinitionJson));

    private static void ValidatePrincipal(string principal)
    {
        try
        {
            PrincipalNames.Validate(principal);
        }
        catch (ArgumentException e)
        {
            throw new FeatureStoreException(FeatureStoreErrorCode.InvalidAccessRequest, e.Message, e);
        }
    }

    // A key id is 12 lowercase hex digits. Anything else is not echoed unless short: it may be a pasted secret.
    private static void ValidateKeyId(string keyId)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        if (keyId is { Length: 12 } && keyId.All(char.IsAsciiHexDigitLower))
            return;
        var shown = keyId.Length <= 16 && !keyId.StartsWith(ApiKeys.Prefix, StringComparison.Ordinal) ? $"'{keyId}'" : "the value given (not shown: it may be a secret)";
        throw new FeatureStoreException(FeatureStoreErrorCode.InvalidAccessRequest,
            $"{shown} is not a key id: give the 12 hex digits after '{ApiKeys.Prefix}' (as `access key list` shows), never the whole key");
    }

    private sealed record PolicyAtRevision(long Revision, AccessPolicy Policy);
}
