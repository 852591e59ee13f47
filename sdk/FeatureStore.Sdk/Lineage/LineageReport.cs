using FeatureStore.Registry.Model;

namespace FeatureStore.Sdk.Lineage;

/// <summary>
/// One object of a lineage: its kind ("data source", "entity", "feature view", "feature service", "training set"),
/// name (a training set's is its manifest path), owner when it has one, and a short detail (a source's path, a view's
/// version, a training set's date and rows).
/// </summary>
public sealed record LineageNode(string Kind, string Name, string? Owner, string Detail = "");

/// <summary>A feature the object carries or feeds, with its type and PII class as registered now.</summary>
public sealed record LineageFeature(string Reference, string Type, PiiClass Pii);

/// <summary>A grant that covers some of the object's features: who holds it, on what, up to which PII class, for which paths.</summary>
public sealed record LineageGrant(string Principal, string Target, PiiClass MaxPii, bool Online, bool Offline, IReadOnlyList<string> CoveredFeatures);

/// <summary>
/// Where an object's data comes from (<see cref="Upstream"/>) and where it goes (<see cref="Downstream"/>: views,
/// feature services, recorded training sets), its features with their PII classes, and the principals granted them.
/// </summary>
public sealed record LineageReport(
    LineageNode Subject,
    IReadOnlyList<LineageNode> Upstream,
    IReadOnlyList<LineageNode> Downstream,
    IReadOnlyList<LineageFeature> Features,
    IReadOnlyList<LineageGrant> Grants);
