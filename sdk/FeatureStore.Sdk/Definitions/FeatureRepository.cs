using FeatureStore.Registry.Model;
using FeatureStore.Registry.Validation;

namespace FeatureStore.Sdk.Definitions;

/// <summary>
/// Declares a project's definitions in code. Each declaring method returns the definition, which later
/// declarations take as a typed reference. <see cref="Build"/> validates everything at once and returns the same
/// <see cref="RegistryDefinitions"/> a YAML repo with the same content gives.
/// </summary>
public sealed class FeatureRepository
{
    private readonly List<EntityDefinition> entities = [];
    private readonly List<DataSourceDefinition> dataSources = [];
    private readonly List<FeatureViewDefinition> featureViews = [];
    private readonly List<FeatureServiceDefinition> featureServices = [];

    public FeatureRepository(string project)
    {
        ArgumentNullException.ThrowIfNull(project);
        Project = project;
    }

    public string Project { get; }

    public EntityDefinition Entity(string name, Action<EntityBuilder> configure)
    {
        var builder = new EntityBuilder();
        Configure(name, configure, builder);
        return Declare(entities, builder.Build(name));
    }

    /// <summary>A Parquet file, directory or glob (relative to the feature repo unless absolute) with its event-time column.</summary>
    public DataSourceDefinition ParquetSource(string name, string path, string timestampField, Action<DataSourceBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(timestampField);
        var builder = new DataSourceBuilder();
        configure?.Invoke(builder);
        return Declare(dataSources, builder.Build(name, path, timestampField));
    }

    /// <summary>
    /// A source fed by a Kafka topic (<c>featurestore ingest</c>) on top of its Parquet history at <paramref name="path"/>
    /// (a directory or glob), where accepted records are also appended. <paramref name="createdTimestampField"/> receives
    /// each record's ingestion time.
    /// </summary>
    public DataSourceDefinition KafkaSource(
        string name,
        string path,
        string timestampField,
        string createdTimestampField,
        Action<KafkaStreamBuilder> kafka,
        Action<DataSourceBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(kafka);
        var stream = new KafkaStreamBuilder();
        kafka(stream);
        return StreamedSource(name, path, timestampField, createdTimestampField, stream.Build(), configure);
    }

    /// <summary>
    /// A source fed by callers (the feature server's PushFeatures, <c>featurestore push</c>) on top of its Parquet history
    /// at <paramref name="path"/> (a directory or glob), where pushed rows are also appended.
    /// <paramref name="createdTimestampField"/> receives each row's ingestion time.
    /// </summary>
    public DataSourceDefinition PushSource(
        string name, string path, string timestampField, string createdTimestampField, Action<DataSourceBuilder>? configure = null) =>
        StreamedSource(name, path, timestampField, createdTimestampField, new StreamDefinition(StreamKind.Push), configure);

    public FeatureViewDefinition FeatureView(string name, Action<FeatureViewBuilder> configure)
    {
        var builder = new FeatureViewBuilder();
        Configure(name, configure, builder);
        return Declare(featureViews, builder.Build(name));
    }

    public FeatureServiceDefinition FeatureService(string name, Action<FeatureServiceBuilder> configure)
    {
        var builder = new FeatureServiceBuilder();
        Configure(name, configure, builder);
        return Declare(featureServices, builder.Build(name));
    }

    /// <summary>Everything declared, in declaration order. Throws <see cref="DefinitionException"/> with every problem, located like "feature view 'driver_stats', field 'ttl'".</summary>
    public RegistryDefinitions Build()
    {
        var definitions = new RegistryDefinitions(Project, [.. entities], [.. dataSources], [.. featureViews], [.. featureServices]);
        var problems = new List<DefinitionProblem>();
        if (!DefinitionNames.IsIdentifier(Project))
        {
            problems.Add(new DefinitionProblem($"project '{Project}'", DefinitionNames.InvalidMessage("project", Project)));
        }

        problems.AddRange(DefinitionValidator.Validate(definitions, CodeLocator.Instance));
        return problems.Count == 0 ? definitions : throw new DefinitionException(problems);
    }

    private DataSourceDefinition StreamedSource(
        string name, string path, string timestampField, string createdTimestampField, StreamDefinition stream, Action<DataSourceBuilder>? configure)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(timestampField);
        ArgumentNullException.ThrowIfNull(createdTimestampField);
        var builder = new DataSourceBuilder().CreatedTimestampField(createdTimestampField);
        configure?.Invoke(builder);
        return Declare(dataSources, builder.Build(name, path, timestampField, stream));
    }

    private static void Configure<TBuilder>(string name, Action<TBuilder> configure, TBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(configure);
        configure(builder);
    }

    private static T Declare<T>(List<T> list, T definition)
    {
        list.Add(definition);
        return definition;
    }
}
