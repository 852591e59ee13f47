using FeatureStore.Registry.Model;

namespace FeatureStore.Sdk.Definitions;

/// <summary>Configures a feature service: which features of which views a model consumes, and its owner (required).</summary>
public sealed class FeatureServiceBuilder
{
    private readonly List<FeatureSelection> selections = [];
    private readonly TagSet tags = new();
    private string owner = "";
    private string? description;

    internal FeatureServiceBuilder()
    {
    }

    /// <summary>Selects the named features of <paramref name="view"/>; at least one name (use <see cref="SelectAll"/> for all).</summary>
    public FeatureServiceBuilder Select(FeatureViewDefinition view, params string[] features)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(features);
        if (features.Length == 0)
        {
            throw new ArgumentException($"Select('{view.Name}') names no features; use SelectAll to select all of them", nameof(features));
        }

        selections.Add(new FeatureSelection(view.Name, [.. features]));
        return this;
    }

    /// <summary>Selects every feature of <paramref name="view"/>, including features added to it later.</summary>
    public FeatureServiceBuilder SelectAll(FeatureViewDefinition view)
    {
        ArgumentNullException.ThrowIfNull(view);
        selections.Add(new FeatureSelection(view.Name, []));
        return this;
    }

    public FeatureServiceBuilder Owner(string owner)
    {
        this.owner = owner;
        return this;
    }

    public FeatureServiceBuilder Description(string description)
    {
        this.description = description;
        return this;
    }

    public FeatureServiceBuilder Tag(string key, string value)
    {
        tags.Set(key, value);
        return this;
    }

    internal FeatureServiceDefinition Build(string name) => new(name, [.. selections], owner, description, tags.ToTags());
}
