namespace FeatureStore.Offline.Validation;

/// <summary>Errors make the data unusable for the definitions (apply refuses them); warnings do not (e.g. no data yet).</summary>
public enum DataProblemSeverity
{
    Error,
    Warning,
}
