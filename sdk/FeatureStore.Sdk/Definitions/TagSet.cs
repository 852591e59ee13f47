namespace FeatureStore.Sdk.Definitions;

/// <summary>Tags collected by a builder; setting a key twice keeps the last value. Empty means "no tags".</summary>
internal sealed class TagSet
{
    private readonly Dictionary<string, string> tags = new(StringComparer.Ordinal);

    public void Set(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        tags[key] = value;
    }

    public IReadOnlyDictionary<string, string>? ToTags() => tags.Count == 0 ? null : new Dictionary<string, string>(tags, StringComparer.Ordinal);
}
