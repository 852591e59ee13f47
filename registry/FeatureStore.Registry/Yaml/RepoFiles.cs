namespace FeatureStore.Registry.Yaml;

/// <summary>
/// Finds the definition files of a repo: every *.yaml / *.yml below it except the root featurestore.yaml,
/// skipping hidden folders (.featurestore/, .git/...), node_modules, and symlinked folders (no loops).
/// Paths come back repo-relative with '/' separators, in ordinal order, so problems are reported in a stable order.
/// </summary>
internal static class RepoFiles
{
    public static IReadOnlyList<string> FindDefinitionFiles(string repoDir)
    {
        var found = new List<string>();
        var pending = new Stack<DirectoryInfo>([new DirectoryInfo(repoDir)]);
        while (pending.Count > 0)
        {
            var directory = pending.Pop();
            foreach (var entry in directory.EnumerateFileSystemInfos("*", new EnumerationOptions { IgnoreInaccessible = true, AttributesToSkip = 0 }))
            {
                if (entry is DirectoryInfo child)
                {
                    if (!child.Name.StartsWith('.') && child.Name != "node_modules" && child.LinkTarget is null)
                    {
                        pending.Push(child);
                    }
                }
                else if (IsYaml(entry.Name))
                {
                    found.Add(Path.GetRelativePath(repoDir, entry.FullName).Replace('\\', '/'));
                }
            }
        }

        return [.. found.Where(path => path != RepoConfigReader.FileName).Order(StringComparer.Ordinal)];
    }

    private static bool IsYaml(string fileName) =>
        fileName.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);
}
