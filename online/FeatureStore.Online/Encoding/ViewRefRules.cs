namespace FeatureStore.Online.Encoding;

/// <summary>Checks a view reference before it becomes part of a storage key.</summary>
internal static class ViewRefRules
{
    public static void Validate(OnlineViewRef view)
    {
        ArgumentNullException.ThrowIfNull(view);
        ValidateProject(view.Project);
        if (string.IsNullOrEmpty(view.View))
            throw new OnlineStoreException($"online view reference {view}: the view name is empty");
    }

    // Braces and glob characters would let one project's keys match another's (hash tags, SCAN patterns).
    public static void ValidateProject(string project)
    {
        if (string.IsNullOrEmpty(project))
            throw new OnlineStoreException("online store: the project name is empty");
        if (project.AsSpan().IndexOfAny("{}*?[]\\") >= 0)
            throw new OnlineStoreException($"online store: project name '{project}' contains one of {{}}*?[]\\");
    }
}
