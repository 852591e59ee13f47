namespace FeatureStore.Online;

/// <summary>
/// Names one version of one feature view of one project in the online store. The version is the registry's declared
/// <c>FeatureViewDefinition.Version</c>: data written under one version is never read under another.
/// </summary>
public sealed record OnlineViewRef(string Project, string View, int Version)
{
    public override string ToString() => $"{Project}/{View}@v{Version}";
}
