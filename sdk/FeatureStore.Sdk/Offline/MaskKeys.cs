using System.Text;

namespace FeatureStore.Sdk.Offline;

/// <summary>The masking key: the caller's, else the environment variable <see cref="EnvironmentVariable"/>; at least <see cref="MinimumLength"/> characters.</summary>
internal static class MaskKeys
{
    public const string EnvironmentVariable = "FEATURESTORE_MASK_KEY";
    public const int MinimumLength = 32;

    /// <exception cref="FeatureStoreException"><see cref="FeatureStoreErrorCode.InvalidExport"/> when the key is missing or too short (the key itself is never echoed).</exception>
    public static byte[] Resolve(string? explicitKey)
    {
        var key = explicitKey ?? Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrEmpty(key))
        {
            throw new FeatureStoreException(FeatureStoreErrorCode.InvalidExport,
                $"masking needs a key: set {EnvironmentVariable} (at least {MinimumLength} characters; the same key for every export that must join)");
        }

        if (key.Length < MinimumLength)
        {
            throw new FeatureStoreException(FeatureStoreErrorCode.InvalidExport,
                $"the masking key has {key.Length} characters; {EnvironmentVariable} needs at least {MinimumLength}");
        }

        return Encoding.UTF8.GetBytes(key);
    }
}
