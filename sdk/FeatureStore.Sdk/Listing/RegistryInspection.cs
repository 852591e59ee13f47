using FeatureStore.Registry.Model;
using FeatureStore.Registry.Storage;

namespace FeatureStore.Sdk.Listing;

/// <summary>Builds listings and descriptions from a stored registry state.</summary>
internal static class RegistryInspection
{
    public static RegistryListing List(RegistryState state)
    {
        var definitions = state.ToDefinitions();
        Registered<T> With<T>(ObjectKind kind, string name, T definition)
        {
            var stored = state.Find(kind, name)!;
            return new Registered<T>(name, definition, stored.Version, stored.UpdatedAt);
        }

        return new RegistryListing(
            state.Project,
            state.Revision,
            [.. definitions.Entities.Select(e => With(ObjectKind.Entity, e.Name, e))],
            [.. definitions.DataSources.Select(d => With(ObjectKind.DataSource, d.Name, d))],
            [.. definitions.FeatureViews.Select(v => With(ObjectKind.FeatureView, v.Name, v))],
            [.. definitions.FeatureServices.Select(s => With(ObjectKind.FeatureService, s.Name, s))]);
    }

    /// <summary>Every object called <paramref name="name"/> (one per kind at most), in kind order.</summary>
    public static IReadOnlyList<ObjectDescription> Describe(RegistryState state, string name)
    {
        var all = state.ToDefinitions();
        var result = new List<ObjectDescription>();
        foreach (var stored in state.Objects.Where(o => o.Name == name).OrderBy(o => o.Kind))
        {
            ObjectDescription Description(object definition) => new(stored.Kind, stored.Name, stored.Version, stored.UpdatedAt, definition);
            result.Add(stored.Kind switch
            {
                ObjectKind.Entity => Description(all.Entities.Single(e => e.Name == name)) with
                {
                    UsedBy = Sorted(all.FeatureViews.Where(v => v.Entities.Contains(name)).Select(v => v.Name)),
                },
                ObjectKind.DataSource => Description(all.DataSources.Single(d => d.Name == name)) with
                {
                    UsedBy = Sorted(all.FeatureViews.Where(v => v.Source == name).Select(v => v.Name)),
                },
                ObjectKind.FeatureView => Description(all.FeatureViews.Single(v => v.Name == name)) with
                {
                    UsedBy = Sorted(all.FeatureServices.Where(s => s.Features.Any(f => f.View == name)).Select(s => s.Name)),
                },
                _ => Description(all.FeatureServices.Single(s => s.Name == name)) with
                {
                    SelectedFeatures = Selected(all.FeatureServices.Single(s => s.Name == name), all),
                },
            });
        }

        return result;
    }

    private static List<SelectedFeature> Selected(FeatureServiceDefinition service, RegistryDefinitions all) =>
    [
        .. service.Features.SelectMany(selection =>
        {
            var view = all.FeatureViews.Single(v => v.Name == selection.View);
            var features = selection.Features.Count == 0 ? view.Features : view.Features.Where(f => selection.Features.Contains(f.Name));
            return features.Select(f => new SelectedFeature(view.Name, f));
        }),
    ];

    private static List<string> Sorted(IEnumerable<string> names) => [.. names.Order(StringComparer.Ordinal)];
}
