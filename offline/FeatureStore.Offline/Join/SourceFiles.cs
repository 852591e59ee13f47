using FeatureStore.Parquet;
using FeatureStore.Registry.Model;

namespace FeatureStore.Offline;

/// <summary>
/// Where a data source's files are: its path resolved against the repo, matched as a file, a directory tree (every *.parquet
/// below it) or a glob, hive folders giving partition values. The engine and plan-time validation both resolve sources here.
/// </summary>
internal static class SourceFiles
{
    public static string FullPath(DataSourceDefinition source, string repoDir) => Path.GetFullPath(source.Path, repoDir);

    public static bool IsGlob(string path) => path.AsSpan().IndexOfAny('*', '?') >= 0;

    /// <summary>The matched files in reading order; empty when nothing matches yet (no such file, folder or glob root).</summary>
    public static IReadOnlyList<DatasetFile> Find(string fullPath) => ParquetDataset.FindFiles(fullPath);
}
