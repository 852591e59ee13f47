namespace FeatureStore.Materialization.Spill;

/// <summary>
/// The temp folder of one view's spill in one run, <c>&lt;root&gt;/&lt;project&gt;/&lt;run-id&gt;/&lt;view&gt;</c> (root by
/// default <c>.featurestore/spill</c> in the repo). Disposing deletes it, and the run's folder once empty. Folders of the
/// project's runs that are no longer running (killed processes) are deleted by its next run (<see cref="DeleteOrphans"/>).
/// </summary>
internal sealed class SpillDirectory : IDisposable
{
    private readonly string runDir;

    public SpillDirectory(string root, string project, string runId, string view)
    {
        runDir = System.IO.Path.Combine(root, project, runId);
        Path = System.IO.Path.Combine(runDir, view);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public static string DefaultRoot(string repoDir) => System.IO.Path.Combine(repoDir, ".featurestore", "spill");

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Deletes the project's run folders under <paramref name="root"/> whose run is not in <paramref name="runningRunIds"/>.</summary>
    public static void DeleteOrphans(string root, string project, IReadOnlySet<string> runningRunIds)
    {
        var projectDir = System.IO.Path.Combine(root, project);
        if (!Directory.Exists(projectDir))
            return;
        foreach (var dir in Directory.EnumerateDirectories(projectDir))
        {
            if (!runningRunIds.Contains(System.IO.Path.GetFileName(dir)))
                TryDelete(dir);
        }
    }

    public void Dispose()
    {
        TryDelete(Path);
        try
        {
            if (Directory.Exists(runDir) && !Directory.EnumerateFileSystemEntries(runDir).Any())
                Directory.Delete(runDir);
        }
        catch (IOException)
        {
            // Another view of the run created its folder meanwhile; the last one out removes the run folder.
        }
    }

    private static void TryDelete(string dir)
    {
        try
        {
            if (Directory.Exists(dir))
                Directory.Delete(dir, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the next run's orphan sweep.
        }
    }
}
