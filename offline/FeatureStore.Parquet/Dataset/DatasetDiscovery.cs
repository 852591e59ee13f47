using System.Text;
using System.Text.RegularExpressions;

namespace FeatureStore.Parquet.Dataset;

/// <summary>Finds the files of a dataset (a file, a directory tree, or a glob with * ? **) and their hive partition values.</summary>
internal static class DatasetDiscovery
{
    public const string HiveNull = "__HIVE_DEFAULT_PARTITION__";

    /// <param name="missingIsEmpty">Return no files, instead of throwing, when there is no such file, directory or glob root.</param>
    public static List<DatasetFile> Discover(string pathOrDirOrGlob, bool missingIsEmpty = false)
    {
        var full = Path.GetFullPath(pathOrDirOrGlob);
        if (File.Exists(full))
        {
            return [new DatasetFile(full, new Dictionary<string, string>(StringComparer.Ordinal))];
        }

        string root;
        Regex? pattern = null;
        if (Directory.Exists(full))
        {
            root = full;
        }
        else if (missingIsEmpty && !IsGlob(full))
        {
            return [];
        }
        else
        {
            (root, pattern) = SplitGlob(full);
            if (!Directory.Exists(root))
            {
                return missingIsEmpty ? [] : throw new ParquetException($"no such file, directory or glob root '{root}'", pathOrDirOrGlob, null, null);
            }
        }

        var files = new List<DatasetFile>();
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');
            if (IsHidden(relative) || (pattern is null ? !file.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) : !pattern.IsMatch(relative)))
            {
                continue;
            }

            files.Add(new DatasetFile(file, ParsePartitions(relative)));
        }

        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return files;
    }

    /// <summary>Folder segments named key=value, outermost first (values are percent-decoded).</summary>
    private static Dictionary<string, string> ParsePartitions(string relative)
    {
        var partitions = new Dictionary<string, string>(StringComparer.Ordinal);
        var segments = relative.Split('/');
        for (var i = 0; i < segments.Length - 1; i++)
        {
            var equals = segments[i].IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                partitions[Uri.UnescapeDataString(segments[i][..equals])] = Uri.UnescapeDataString(segments[i][(equals + 1)..]);
            }
        }

        return partitions;
    }

    /// <summary>Files and folders starting with '.' or '_' (_SUCCESS, _metadata, .crc) and unfinished writer temp files are not data.</summary>
    private static bool IsHidden(string relative)
    {
        foreach (var segment in relative.Split('/'))
        {
            if (segment.StartsWith('.') || segment.StartsWith('_'))
            {
                return true;
            }
        }

        return relative.Contains(".tmp-", StringComparison.Ordinal);
    }

    public static bool IsGlob(string path) => path.AsSpan().IndexOfAny('*', '?') >= 0;

    private static (string Root, Regex Pattern) SplitGlob(string full)
    {
        var normalized = full.Replace(Path.DirectorySeparatorChar, '/');
        var wildcard = normalized.IndexOfAny(['*', '?']);
        if (wildcard < 0)
        {
            throw new ParquetException("no such file or directory", full, null, null);
        }

        var slash = normalized.LastIndexOf('/', wildcard);
        var root = slash <= 0 ? "/" : normalized[..slash];
        var glob = normalized[(slash + 1)..];
        return (root, new Regex(GlobToRegex(glob), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
    }

    private static string GlobToRegex(string glob)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                // "**/" matches zero or more folders; a bare "**" matches anything.
                if (i + 2 < glob.Length && glob[i + 2] == '/')
                {
                    regex.Append("(?:.*/)?");
                    i += 2;
                }
                else
                {
                    regex.Append(".*");
                    i++;
                }
            }
            else if (c == '*')
            {
                regex.Append("[^/]*");
            }
            else if (c == '?')
            {
                regex.Append("[^/]");
            }
            else
            {
                regex.Append(Regex.Escape(c.ToString()));
            }
        }

        return regex.Append('$').ToString();
    }
}
