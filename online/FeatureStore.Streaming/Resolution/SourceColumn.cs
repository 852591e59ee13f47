using FeatureStore.Registry.Model;

namespace FeatureStore.Streaming.Resolution;

/// <summary>
/// A column of the source (its own name, before field_mapping) that some view reads, with the type the views declare
/// for it and the first view that declares it (named in rejection reasons).
/// </summary>
internal sealed record SourceColumn(string Name, FeatureType Type, ColumnRole Role, string DeclaredBy);
