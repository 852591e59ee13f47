using FeatureStore.Registry.Model;

namespace FeatureStore.Registry.Validation;

/// <summary>
/// Checks a whole definition set and reports every problem at once (names, duplicates, references, entities,
/// sources and their streams, views, services), each located through <see cref="IDefinitionLocator"/>. An empty list means valid.
/// </summary>
public static class DefinitionValidator
{
    public static IReadOnlyList<DefinitionProblem> Validate(RegistryDefinitions definitions, IDefinitionLocator locator)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(locator);

        var problems = new ProblemCollector(locator);
        CheckNamesAndDuplicates(definitions, problems);
        EntityRules.Check(definitions.Entities, problems);
        DataSourceRules.Check(definitions.DataSources, problems);
        StreamRules.Check(definitions.DataSources, problems);
        FeatureViewRules.Check(definitions, problems);
        QualityRules.Check(definitions, problems);
        FeatureServiceRules.Check(definitions, problems);
        return problems.Problems;
    }

    /// <summary>Validates and throws one <see cref="DefinitionException"/> carrying every problem, if any.</summary>
    public static void ThrowIfInvalid(RegistryDefinitions definitions, IDefinitionLocator locator)
    {
        var problems = Validate(definitions, locator);
        if (problems.Count > 0)
        {
            throw new DefinitionException(problems);
        }
    }

    private static void CheckNamesAndDuplicates(RegistryDefinitions definitions, ProblemCollector problems)
    {
        Check(ObjectKind.Entity, definitions.Entities.Select(e => e.Name));
        Check(ObjectKind.DataSource, definitions.DataSources.Select(s => s.Name));
        Check(ObjectKind.FeatureView, definitions.FeatureViews.Select(v => v.Name));
        Check(ObjectKind.FeatureService, definitions.FeatureServices.Select(s => s.Name));

        void Check(ObjectKind kind, IEnumerable<string> names)
        {
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var name in names)
            {
                counts[name] = counts.GetValueOrDefault(name) + 1;
                if (counts[name] == 1 && !DefinitionNames.IsIdentifier(name))
                {
                    problems.Add(kind, name, "name", DefinitionNames.InvalidMessage(kind.Label(), name));
                }
            }

            foreach (var (name, count) in counts.Where(c => c.Value > 1))
            {
                problems.Add(kind, name, null, $"{kind.Label()} '{name}' is declared {count} times; {kind.Label()} names must be unique");
            }
        }
    }
}
