using FeatureStore.Registry.Model;

namespace FeatureStore.Sdk.Definitions;

/// <summary>Configures one feature of a view: description, PII class (none by default), tags.</summary>
public sealed class FeatureBuilder
{
    private readonly TagSet tags = new();
    private string? description;
    private PiiClass pii = PiiClass.None;

    internal FeatureBuilder()
    {
    }

    public FeatureBuilder Description(string description)
    {
        this.description = description;
        return this;
    }

    public FeatureBuilder Pii(PiiClass pii)
    {
        this.pii = pii;
        return this;
    }

    public FeatureBuilder Tag(string key, string value)
    {
        tags.Set(key, value);
        return this;
    }

    internal FeatureDefinition Build(string name, FeatureType type) => new(name, type, description, pii, tags.ToTags());
}
