namespace FeatureStore.Materialization.Spill;

/// <summary>
/// The source files (relative to the repo) that spilled rows came from, numbered as first seen, so records carry a small
/// index. Safe for concurrent use (buckets are planned in parallel).
/// </summary>
internal sealed class SpillFiles
{
    private readonly List<string> names = [];
    private readonly Dictionary<string, int> index = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public string this[int file]
    {
        get
        {
            lock (gate)
                return names[file];
        }
    }

    public int IndexOf(string file)
    {
        lock (gate)
        {
            if (!index.TryGetValue(file, out var found))
            {
                found = names.Count;
                names.Add(file);
                index[file] = found;
            }

            return found;
        }
    }
}
