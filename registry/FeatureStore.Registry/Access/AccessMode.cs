namespace FeatureStore.Registry.Access;

/// <summary>The path a read takes: the online feature server, or an offline training-set export.</summary>
public enum AccessMode
{
    Online,
    Offline,
}
