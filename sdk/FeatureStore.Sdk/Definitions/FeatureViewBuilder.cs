using FeatureStore.Registry.Model;

namespace FeatureStore.Sdk.Definitions;

/// <summary>Configures a feature view: its entities, source, features, TTL, owner (required) and the rest.</summary>
public sealed class FeatureViewBuilder
{
    private readonly List<string> entities = [];
    private readonly List<FeatureDefinition> features = [];
    private readonly TagSet tags = new();
    private string source = "";
    private string owner = "";
    private string? description;
    private TimeSpan? ttl;
    private bool online = true;
    private int version = 1;

    internal FeatureViewBuilder()
    {
    }

    /// <summary>The entities the view is keyed by, in key order; may be called more than once.</summary>
    public FeatureViewBuilder Entities(params EntityDefinition[] entities)
    {
        ArgumentNullException.ThrowIfNull(entities);
        this.entities.AddRange(entities.Select(e => e.Name));
        return this;
    }

    public FeatureViewBuilder Source(DataSourceDefinition source)
    {
        ArgumentNullException.ThrowIfNull(source);
        this.source = source.Name;
        return this;
    }

    /// <summary>How long a value stays valid after its event time; without it values never expire.</summary>
    public FeatureViewBuilder Ttl(TimeSpan ttl)
    {
        this.ttl = ttl;
        return this;
    }

    public FeatureViewBuilder Online(bool online = true)
    {
        this.online = online;
        return this;
    }

    public FeatureViewBuilder Owner(string owner)
    {
        this.owner = owner;
        return this;
    }

    public FeatureViewBuilder Description(string description)
    {
        this.description = description;
        return this;
    }

    public FeatureViewBuilder Tag(string key, string value)
    {
        tags.Set(key, value);
        return this;
    }

    /// <summary>The declared version (1 by default); bump it to make a breaking change deliberately.</summary>
    public FeatureViewBuilder Version(int version)
    {
        this.version = version;
        return this;
    }

    public FeatureViewBuilder Feature(string name, FeatureType type, Action<FeatureBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        var builder = new FeatureBuilder();
        configure?.Invoke(builder);
        features.Add(builder.Build(name, type));
        return this;
    }

    internal FeatureViewDefinition Build(string name) =>
        new(name, [.. entities], [.. features], source, owner, ttl, online, description, tags.ToTags(), version);
}
