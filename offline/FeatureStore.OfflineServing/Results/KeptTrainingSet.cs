using System.Security.Cryptography;
using System.Text;
using FeatureStore.Sdk.Offline;
using ArrowSchema = Apache.Arrow.Schema;

namespace FeatureStore.OfflineServing.Results;

/// <summary>
/// A built training set waiting to be read with DoGet: its rows, the Arrow schema they are sent with, the manifest JSON,
/// and (when it was built with an API key) a SHA-256 of that key, so only a caller with the same key reads or releases it.
/// </summary>
internal sealed record KeptTrainingSet(string Ticket, TrainingSetTable Table, ArrowSchema Schema, byte[] ManifestJson, DateTimeOffset ExpiresAt, byte[]? KeyDigest = null)
{
    public static byte[]? DigestOf(string? apiKey) => apiKey is null ? null : SHA256.HashData(Encoding.UTF8.GetBytes(apiKey));

    /// <summary>True when the result was built without a key, or <paramref name="apiKey"/> is the key it was built with (compared in constant time).</summary>
    public bool IsReadableWith(string? apiKey) =>
        KeyDigest is null || (DigestOf(apiKey) is { } digest && CryptographicOperations.FixedTimeEquals(digest, KeyDigest));
}
