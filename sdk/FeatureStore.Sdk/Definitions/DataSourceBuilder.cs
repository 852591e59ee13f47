using FeatureStore.Registry.Model;

namespace FeatureStore.Sdk.Definitions;

/// <summary>Configures the optional parts of a data source (Parquet, Kafka or push): created-timestamp column, column renames, description, owner, tags.</summary>
public sealed class DataSourceBuilder
{
    private readonly Dictionary<string, string> fieldMapping = new(StringComparer.Ordinal);
    private readonly TagSet tags = new();
    private string? createdTimestampField;
    private string? description;
    private string? owner;

    internal DataSourceBuilder()
    {
    }

    /// <summary>The column telling when a row was written; breaks ties between rows with the same event time.</summary>
    public DataSourceBuilder CreatedTimestampField(string column)
    {
        createdTimestampField = column;
        return this;
    }

    /// <summary>Reads source column <paramref name="sourceColumn"/> under the name <paramref name="name"/>.</summary>
    public DataSourceBuilder MapField(string sourceColumn, string name)
    {
        ArgumentNullException.ThrowIfNull(sourceColumn);
        ArgumentNullException.ThrowIfNull(name);
        fieldMapping[sourceColumn] = name;
        return this;
    }

    public DataSourceBuilder Description(string description)
    {
        this.description = description;
        return this;
    }

    public DataSourceBuilder Owner(string owner)
    {
        this.owner = owner;
        return this;
    }

    public DataSourceBuilder Tag(string key, string value)
    {
        tags.Set(key, value);
        return this;
    }

    internal DataSourceDefinition Build(string name, string path, string timestampField, StreamDefinition? stream = null) => new(
        name,
        path,
        timestampField,
        createdTimestampField,
        fieldMapping.Count == 0 ? null : new Dictionary<string, string>(fieldMapping, StringComparer.Ordinal),
        description,
        owner,
        tags.ToTags(),
        stream);
}
