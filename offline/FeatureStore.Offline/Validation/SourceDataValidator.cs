using FeatureStore.Parquet;
using FeatureStore.Registry.Model;

namespace FeatureStore.Offline.Validation;

/// <summary>
/// Plan-time check of definitions against the data they will read: every file of every data source (found as the engine
/// finds them) must hold the source's timestamp and created columns and, for each view reading it, the join key and feature
/// columns, in types the engine accepts for the declared ones (docs/point-in-time.md, "Source types"). Only footers are read.
/// </summary>
public static class SourceDataValidator
{
    /// <summary>
    /// Problems in declaration order of the sources. A source whose path matches no file yet gives one warning; a problem
    /// shared by several files of a source is reported once, for its first file, with the number of other files.
    /// </summary>
    public static IReadOnlyList<DataProblem> Validate(RegistryDefinitions definitions, string repoDir, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentException.ThrowIfNullOrWhiteSpace(repoDir);
        var fullRepoDir = Path.GetFullPath(repoDir);
        var problems = new List<DataProblem>();
        foreach (var source in definitions.DataSources)
        {
            cancellationToken.ThrowIfCancellationRequested();
            problems.AddRange(ValidateSource(definitions, source, fullRepoDir, cancellationToken));
        }

        return problems;
    }

    private static List<DataProblem> ValidateSource(RegistryDefinitions definitions, DataSourceDefinition source, string repoDir, CancellationToken cancellationToken)
    {
        var where = $"data source '{source.Name}'";
        IReadOnlyList<DatasetFile> files;
        try
        {
            files = SourceFiles.Find(SourceFiles.FullPath(source, repoDir));
        }
        catch (Exception e) when (e is ParquetException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            return [new DataProblem(DataProblemSeverity.Error, where, $"cannot list the files of path '{source.Path}': {Detail(e)}")];
        }

        if (files.Count == 0)
        {
            return [new DataProblem(DataProblemSeverity.Warning, where, $"no data yet: path '{source.Path}' matches no Parquet file; its columns are checked once files exist")];
        }

        var needs = SourceNeeds.For(definitions, source);
        var found = new List<Finding>();
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var shown = Shown(file.Path, repoDir);
            ParquetSchema schema;
            try
            {
                using var reader = ParquetFileReader.Open(file.Path);
                schema = reader.Schema;
            }
            catch (Exception e) when (e is ParquetException or IOException or UnauthorizedAccessException)
            {
                found.Add(new Finding(shown, null, Detail(e)));
                continue;
            }

            foreach (var mismatch in SourceColumns.Mismatches(needs, schema))
            {
                var earlier = found.Find(f => f.Mismatch == mismatch);
                if (earlier is null)
                {
                    found.Add(new Finding(shown, mismatch, null));
                }
                else
                {
                    earlier.OtherFiles++;
                }
            }
        }

        return [.. found.Select(f => f.ToProblem(where))];
    }

    /// <summary>A file as the user wrote the source path: relative to the repo (with '/') when inside it, else absolute.</summary>
    private static string Shown(string path, string repoDir)
    {
        var relative = Path.GetRelativePath(repoDir, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative.Replace(Path.DirectorySeparatorChar, '/');
    }

    private static string Detail(Exception e) => e is ParquetException parquet ? parquet.Detail : e.Message;

    /// <summary>A problem of one file, or of a column shared by <see cref="OtherFiles"/> more files (reported with the first).</summary>
    private sealed class Finding(string file, ColumnMismatch? mismatch, string? unreadable)
    {
        public ColumnMismatch? Mismatch { get; } = mismatch;

        public int OtherFiles { get; set; }

        public DataProblem ToProblem(string where)
        {
            if (Mismatch is null)
            {
                return new DataProblem(DataProblemSeverity.Error, $"{where}, file '{file}'", $"file '{file}' is not readable Parquet: {unreadable}");
            }

            var also = OtherFiles switch
            {
                0 => string.Empty,
                1 => " (also in 1 more file of this source)",
                _ => $" (also in {OtherFiles} more files of this source)",
            };
            return new DataProblem(DataProblemSeverity.Error, $"{where}, file '{file}', column '{Mismatch.Need.Column}'", Mismatch.Describe($"'{file}'") + also);
        }
    }
}
