using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using FeatureStore.Registry.Access;

namespace FeatureStore.Serving.Access;

/// <summary>
/// Turns an <c>authorization: Bearer fsk_KEYID_SECRET</c> header into the principal of its key, for one registry
/// snapshot. The first call with a key runs the registry's slow hash (<see cref="AccessPolicy.Authenticate"/>); later
/// calls find the key by id and compare a SHA-256 of the secret in constant time, allocating nothing. The last wrong
/// secret sent for each key id is remembered the same way, so a client repeating a bad key does not cost a slow hash per call.
/// </summary>
internal sealed class CallerAuthenticator(AccessPolicy policy)
{
    private const string Scheme = "Bearer ";
    private const int KeyIdLength = 12;
    private const int MinSecretLength = 16;
    private const int MaxSecretLength = 256;

    private readonly ConcurrentDictionary<string, VerifiedKey> verified = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte[]> lastRejected = new(StringComparer.Ordinal);

    /// <summary>The principal of the header's key at <paramref name="now"/>; null when the header is absent, malformed, or its key unknown, wrong, revoked or expired.</summary>
    public string? Authenticate(string? authorization, DateTimeOffset now)
    {
        if (!TrySplit(authorization, out var token, out var keyId, out var secret))
        {
            return null;
        }

        if (verified.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(keyId, out var known))
        {
            return known.Matches(secret, now) ? known.Principal : null;
        }

        if (lastRejected.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(keyId, out var rejected) && CryptographicOperations.FixedTimeEquals(rejected, Digest(secret)))
        {
            return null;
        }

        return VerifyFirst(token.ToString(), now);
    }

    private string? VerifyFirst(string token, DateTimeOffset now)
    {
        if (!ApiKeys.TryParse(token, out var keyId, out var secret))
        {
            return null;
        }

        var principal = policy.Authenticate(token, now);
        var record = policy.Keys.FirstOrDefault(k => string.Equals(k.KeyId, keyId, StringComparison.Ordinal));
        if (record is null)
        {
            return null;
        }

        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(secret));
        if (principal is null)
        {
            // Only ids of stored keys get here, so this holds at most one entry per key.
            lastRejected[keyId] = digest;
            return null;
        }

        verified.TryAdd(keyId, new VerifiedKey(principal, digest, record.ExpiresAt));
        return principal;
    }

    private static byte[] Digest(ReadOnlySpan<char> secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret.ToString()));

    /// <summary>"Bearer fsk_KEYID_SECRET" → the token, its key id and its secret, as slices of the header.</summary>
    private static bool TrySplit(string? authorization, out ReadOnlySpan<char> token, out ReadOnlySpan<char> keyId, out ReadOnlySpan<char> secret)
    {
        token = keyId = secret = default;
        if (authorization is null || !authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        token = authorization.AsSpan(Scheme.Length).Trim(' ');
        if (!token.StartsWith(ApiKeys.Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = token[ApiKeys.Prefix.Length..];
        if (rest.Length < KeyIdLength + 1 + MinSecretLength || rest[KeyIdLength] != '_' || rest.Length - KeyIdLength - 1 > MaxSecretLength)
        {
            return false;
        }

        keyId = rest[..KeyIdLength];
        secret = rest[(KeyIdLength + 1)..];
        return true;
    }

    /// <summary>A key whose secret was verified once with the slow hash in this snapshot.</summary>
    private sealed class VerifiedKey(string principal, byte[] secretDigest, DateTimeOffset? expiresAt)
    {
        public string Principal { get; } = principal;

        public bool Matches(ReadOnlySpan<char> secret, DateTimeOffset now)
        {
            if (expiresAt is { } expires && now >= expires)
            {
                return false;
            }

            Span<byte> utf8 = stackalloc byte[MaxSecretLength * 3];
            var length = Encoding.UTF8.GetBytes(secret, utf8);
            Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(utf8[..length], digest);
            return CryptographicOperations.FixedTimeEquals(secretDigest, digest);
        }
    }
}
