using FeatureStore.Parquet;

namespace FeatureStore.Streaming.Offline;

/// <summary>
/// The first look at one (topic, partition) of a source's folder: deletes temp files a crash left, deletes the files of
/// calls that did not finish renaming (a call whose footer lists a date with no file), and returns the highest offset of
/// the complete calls. Push topics are written by any number of processes at once, so their leftovers are removed only
/// once older than <see cref="PushLeftoverAge"/>, and their offsets (a per-process sequence) say nothing: -1 is returned.
/// </summary>
internal static class AppendRecovery
{
    public static readonly TimeSpan PushLeftoverAge = TimeSpan.FromHours(1);

    public static long Recover(string baseDirectory, string topic, int partition)
    {
        if (!Directory.Exists(baseDirectory))
            return -1;
        var push = StreamFileName.IsPush(topic);
        var sanitized = StreamFileName.Sanitize(topic);
        var prefix = $"stream-{sanitized}-p{partition}-";
        bool Removable(string file) => !push || DateTime.UtcNow - File.GetLastWriteTimeUtc(file) > PushLeftoverAge;

        var calls = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(baseDirectory, prefix + "*", SearchOption.AllDirectories))
        {
            var name = Path.GetFileName(file);
            var marker = name.IndexOf(CallFiles.TempMarker, StringComparison.Ordinal);
            var committedName = marker >= 0 ? name[..marker] : name;
            if (StreamFileName.TryParse(committedName) is not { } parsed || parsed.Topic != sanitized || parsed.Partition != partition)
                continue;
            if (marker >= 0)
            {
                if (Removable(file))
                    CallFiles.TryDelete(file);
                continue;
            }

            if (!calls.TryGetValue(name, out var files))
                calls[name] = files = [];
            files.Add(file);
        }

        var highest = -1L;
        foreach (var (name, files) in calls)
        {
            if (IsComplete(baseDirectory, name, files[0]))
            {
                if (!push)
                    highest = Math.Max(highest, StreamFileName.TryParse(name)!.Value.Last);
            }
            else if (files.All(Removable))
            {
                foreach (var file in files)
                    CallFiles.TryDelete(file);
            }
        }

        return highest;
    }

    private static bool IsComplete(string baseDirectory, string name, string anyFile)
    {
        IReadOnlyList<DateOnly>? dates;
        try
        {
            dates = CallFiles.DatesOf(anyFile);
        }
        catch (ParquetException)
        {
            // Renames only ever expose complete files; an unreadable one was damaged later and is left for a person to judge.
            return true;
        }

        return dates is null || dates.All(d => File.Exists(Path.Combine(baseDirectory, CallFiles.DateFolder(d), name)));
    }
}
