using System.Security.Cryptography;
using System.Text;

namespace FeatureStore.Registry.Access;

/// <summary>
/// API keys of the form <c>fsk_KEYID_SECRET</c>: a 12-hex-digit id to find the stored record and 32 random bytes
/// (base64url) of secret. The registry stores a salted PBKDF2-SHA256 hash of the secret; comparison is constant-time.
/// </summary>
public static class ApiKeys
{
    public const string Prefix = "fsk_";
    public const int DefaultIterations = 100_000;
    private const int KeyIdBytes = 6;
    private const int SecretBytes = 32;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    /// <summary>A new key for <paramref name="principal"/>: the token to print once, and the record to store.</summary>
    public static (string Token, AccessKeyRecord Record) Create(
        string principal, string createdBy, DateTimeOffset now, DateTimeOffset? expiresAt = null, int iterations = DefaultIterations)
    {
        PrincipalNames.Validate(principal);
        var keyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(KeyIdBytes));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(SecretBytes));
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Derive(secret, salt, iterations);
        var record = new AccessKeyRecord(keyId, principal, Convert.ToBase64String(salt), Convert.ToBase64String(hash), iterations, now, createdBy, expiresAt);
        return ($"{Prefix}{keyId}_{secret}", record);
    }

    /// <summary>Splits a token into key id and secret; false when it is not shaped like a key (no detail: tokens are never echoed).</summary>
    public static bool TryParse(string? token, out string keyId, out string secret)
    {
        keyId = secret = "";
        if (token is null || !token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = token.AsSpan(Prefix.Length);
        var separator = rest.IndexOf('_');
        if (separator != KeyIdBytes * 2 || rest.Length - separator - 1 < 16)
        {
            return false;
        }

        keyId = rest[..separator].ToString();
        secret = rest[(separator + 1)..].ToString();
        return true;
    }

    /// <summary>True when <paramref name="secret"/> hashes to the record's hash; the comparison takes the same time whatever the bytes.</summary>
    public static bool Verify(AccessKeyRecord record, string secret)
    {
        ArgumentNullException.ThrowIfNull(record);
        var expected = Convert.FromBase64String(record.Hash);
        var actual = Derive(secret, Convert.FromBase64String(record.Salt), record.Iterations);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    private static byte[] Derive(string secret, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), salt, iterations, HashAlgorithmName.SHA256, HashBytes);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
