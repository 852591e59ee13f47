using FeatureStore.Registry.Model;

namespace FeatureStore.Offline;

/// <summary>One selected feature: where it comes from (source column) and what it is called in the output.</summary>
internal sealed record ResolvedFeature(string Reference, FeatureDefinition Definition, string SourceColumn, string OutputName)
{
    public string StatusName => OutputName + "__status";
}
