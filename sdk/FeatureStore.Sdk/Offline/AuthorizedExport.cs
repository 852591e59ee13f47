using FeatureStore.Registry.Model;

namespace FeatureStore.Sdk.Offline;

/// <summary>An export that passed its checks: who asked (null when no principal was needed), why, what it holds, how it is masked.</summary>
internal sealed record AuthorizedExport(string? Principal, string? Purpose, IReadOnlyList<ExportedFeature> Features, TrainingSetMask? Mask)
{
    /// <summary>The exported features whose PII class is personal or sensitive.</summary>
    public IReadOnlyList<ExportedFeature> PersonalFeatures => [.. Features.Where(f => f.Pii != PiiClass.None)];
}
