using FeatureStore.Registry.Model;

namespace FeatureStore.Registry.Yaml;

/// <summary>The objects read so far from every file of a repo, with their positions. A second object of a kind with a taken name is reported and dropped.</summary>
internal sealed class DefinitionSet
{
    public YamlLocator Locator { get; } = new();

    public List<EntityDefinition> Entities { get; } = [];

    public List<DataSourceDefinition> DataSources { get; } = [];

    public List<FeatureViewDefinition> FeatureViews { get; } = [];

    public List<FeatureServiceDefinition> FeatureServices { get; } = [];

    public void Add(EntityDefinition entity, ObjectPositions positions)
    {
        if (Register(ObjectKind.Entity, entity.Name, positions))
        {
            Entities.Add(entity);
        }
    }

    public void Add(DataSourceDefinition source, ObjectPositions positions)
    {
        if (Register(ObjectKind.DataSource, source.Name, positions))
        {
            DataSources.Add(source);
        }
    }

    public void Add(FeatureViewDefinition view, ObjectPositions positions)
    {
        if (Register(ObjectKind.FeatureView, view.Name, positions))
        {
            FeatureViews.Add(view);
        }
    }

    public void Add(FeatureServiceDefinition service, ObjectPositions positions)
    {
        if (Register(ObjectKind.FeatureService, service.Name, positions))
        {
            FeatureServices.Add(service);
        }
    }

    public RegistryDefinitions ToDefinitions(string project) =>
        new(project, [.. Entities], [.. DataSources], [.. FeatureViews], [.. FeatureServices]);

    private bool Register(ObjectKind kind, string name, ObjectPositions positions)
    {
        if (Locator.TryAdd(kind, name, positions))
        {
            return true;
        }

        positions.Source.Report(positions.Start,
            $"{kind.Label()} '{name}' is declared twice; the first declaration is at {Locator.Locate(kind, name)}");
        return false;
    }
}
