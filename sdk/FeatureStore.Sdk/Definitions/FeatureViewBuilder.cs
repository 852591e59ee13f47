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
    private int? keepVersions;
    private QualityDefinition? quality;
    private bool asOfCreated;

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

    /// <summary>
    /// How many declared versions stay live side by side (1 by default): after a version bump the previous definitions
    /// stay readable as <c>view@N:feature</c> and keep being materialized, for A/B tests.
    /// </summary>
    public FeatureViewBuilder KeepVersions(int count)
    {
        keepVersions = count;
        return this;
    }

    /// <summary>The data-quality gate the materializer applies before writing, and what happens to failing rows.</summary>
    public FeatureViewBuilder Quality(QualityPolicy policy, Action<QualityBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = new QualityBuilder();
        configure(builder);
        quality = builder.Build(policy);
        return this;
    }

    /// <summary>"As known at": training joins see only rows created at or before each spine timestamp (needs a created timestamp on the source).</summary>
    public FeatureViewBuilder AsOfCreated(bool asOfCreated = true)
    {
        this.asOfCreated = asOfCreated;
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
        new(name, [.. entities], [.. features], source, owner, ttl, online, description, tags.ToTags(), version, quality, asOfCreated, keepVersions);
}
