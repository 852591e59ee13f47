using FeatureStore.Registry.Model;

namespace FeatureStore.Sdk.Definitions;

/// <summary>Configures an entity: its typed join keys (in order), description, owner and tags.</summary>
public sealed class EntityBuilder
{
    private readonly List<JoinKey> joinKeys = [];
    private readonly TagSet tags = new();
    private string? description;
    private string? owner;

    internal EntityBuilder()
    {
    }

    public EntityBuilder JoinKey(string name, FeatureType type)
    {
        ArgumentNullException.ThrowIfNull(name);
        joinKeys.Add(new JoinKey(name, type));
        return this;
    }

    public EntityBuilder Description(string description)
    {
        this.description = description;
        return this;
    }

    public EntityBuilder Owner(string owner)
    {
        this.owner = owner;
        return this;
    }

    public EntityBuilder Tag(string key, string value)
    {
        tags.Set(key, value);
        return this;
    }

    internal EntityDefinition Build(string name) => new(name, [.. joinKeys], description, owner, tags.ToTags());
}
