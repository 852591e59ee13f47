namespace FeatureStore.Offline.Tests;

/// <summary>Locates the repository (the folder holding FeatureStore.sln) from the test binaries.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string InteropDir => Path.Combine(Root, "tests", "interop");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FeatureStore.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("FeatureStore.sln not found above " + AppContext.BaseDirectory);
    }
}
