using Apache.Arrow.Flight;
using FeatureStore.Parquet;
using FeatureStore.Registry.Model;
using FeatureStore.Sdk;
using FeatureStore.Sdk.Arrow;
using FeatureStore.Sdk.Flight;
using ArrowSchema = Apache.Arrow.Schema;

namespace FeatureStore.OfflineServing.Flight;

/// <summary>
/// What ListFlights offers: one flight per feature service, described by the path [service name] and the Arrow schema of
/// its feature columns (named as a training set names them without full feature names). Also the name check that turns an
/// unknown service, view or feature into NOT_FOUND before any work starts.
/// </summary>
internal static class FeatureServiceFlights
{
    public static FlightInfo Info(FeatureServiceDefinition service, RegistryDefinitions registry) =>
        new(FeatureSchema(service, registry), FlightDescriptor.CreatePathDescriptor(service.Name), [], -1, -1);

    public static ArrowSchema FeatureSchema(FeatureServiceDefinition service, RegistryDefinitions registry)
    {
        var fields = new List<ParquetField>();
        foreach (var selection in service.Features)
        {
            var view = registry.FeatureViews.Single(v => v.Name == selection.View);
            var features = selection.Features.Count == 0 ? view.Features : view.Features.Where(f => selection.Features.Contains(f.Name));
            fields.AddRange(features.Select(f => new ParquetField(f.Name, OutputType(f.Type))));
        }

        return ArrowBatches.ToArrowSchema(new ParquetSchema(fields));
    }

    /// <summary>Refuses a request naming a feature service, view or feature the applied registry does not hold.</summary>
    /// <exception cref="FeatureStoreException"><see cref="FeatureStoreErrorCode.NotFound"/>, naming what is missing.</exception>
    public static void CheckNames(OfflineFlightRequest request, RegistryDefinitions registry)
    {
        if (request.FeatureService is { } name)
        {
            if (registry.FeatureServices.All(s => s.Name != name))
            {
                throw NotFound($"unknown feature service '{name}' in project '{registry.Project}' (services: {List(registry.FeatureServices.Select(s => s.Name))})");
            }

            return;
        }

        foreach (var reference in request.Features)
        {
            // A reference without a colon is malformed, not missing: the engine refuses it as an invalid argument.
            var colon = reference.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }

            var viewName = reference[..colon];
            var featureName = reference[(colon + 1)..];
            var view = registry.FeatureViews.FirstOrDefault(v => v.Name == viewName)
                ?? throw NotFound($"unknown feature view '{viewName}' in reference '{reference}' (views: {List(registry.FeatureViews.Select(v => v.Name))})");
            if (featureName != "*" && view.Features.All(f => f.Name != featureName))
            {
                throw NotFound($"feature view '{viewName}' has no feature '{featureName}' (reference '{reference}'; features: {List(view.Features.Select(f => f.Name))})");
            }
        }
    }

    /// <summary>The Parquet type of a feature's output column, as the point-in-time engine writes it.</summary>
    private static ParquetType OutputType(FeatureType type) => type switch
    {
        FeatureType.Int32 => ParquetType.Int32,
        FeatureType.Int64 => ParquetType.Int64,
        FeatureType.Float32 => ParquetType.Float,
        FeatureType.Float64 => ParquetType.Double,
        FeatureType.Bool => ParquetType.Boolean,
        FeatureType.String => ParquetType.String,
        FeatureType.Bytes => ParquetType.Binary,
        FeatureType.Timestamp => ParquetType.Timestamp(TimeUnit.Micros),
        FeatureType.Float32List => ParquetType.ListOf(ParquetType.Float),
        FeatureType.Float64List => ParquetType.ListOf(ParquetType.Double),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a feature type"),
    };

    private static FeatureStoreException NotFound(string message) => new(FeatureStoreErrorCode.NotFound, message);

    private static string List(IEnumerable<string> names) => names.Any() ? string.Join(", ", names.Order(StringComparer.Ordinal)) : "none";
}
