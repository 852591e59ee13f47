using System.Globalization;
using FeatureStore.Parquet;

namespace FeatureStore.Offline;

/// <summary>
/// Which row groups of a view's source the join reads. Pruned: hive date partitions (<c>date=</c>, <c>dt=</c>, <c>ds=</c>,
/// <c>event_date=</c>, holding rows of that UTC event day) and row groups whose event-time statistics lie after the last
/// spine timestamp; row groups entirely before the earliest TTL window are read for their keys only.
/// </summary>
internal sealed class SourcePlan
{
    private static readonly string[] DatePartitionNames = ["date", "dt", "ds", "event_date"];

    private SourcePlan(IReadOnlyList<DatasetFile> files, IReadOnlyList<DatasetRowGroup> rowGroups, IReadOnlyList<SourceUnit> units, IReadOnlySet<string> filesRead)
    {
        Files = files;
        RowGroups = rowGroups;
        Units = units;
        FilesRead = filesRead;
    }

    /// <summary>Every file of the source, read or pruned.</summary>
    public IReadOnlyList<DatasetFile> Files { get; }

    /// <summary>Every row group of the files whose footer was read; a unit's ordinal indexes this list.</summary>
    public IReadOnlyList<DatasetRowGroup> RowGroups { get; }

    public IReadOnlyList<SourceUnit> Units { get; }

    public IReadOnlySet<string> FilesRead { get; }

    /// <summary>The source's files (<see cref="SourceFiles"/>); none is an error here, since a training set needs data.</summary>
    public static IReadOnlyList<DatasetFile> FindFiles(ResolvedView view)
    {
        var path = view.SourcePath;
        IReadOnlyList<DatasetFile> files;
        try
        {
            files = SourceFiles.Find(path);
        }
        catch (Exception e) when (e is ParquetException or IOException or UnauthorizedAccessException)
        {
            throw new TrainingSetException($"cannot read source {path} of feature view '{view.Name}': {e.Message}", e);
        }

        if (files.Count == 0)
        {
            throw new TrainingSetException(!SourceFiles.IsGlob(path) && !Directory.Exists(path)
                ? $"source file not found: {path} (data source '{view.Source.Name}' of feature view '{view.Name}')"
                : $"no Parquet files at {path} (data source '{view.Source.Name}' of feature view '{view.Name}')");
        }

        return files;
    }

    /// <summary>
    /// Reads the footer of every file not pruned by its partition and checks its schema against the view's columns, so a
    /// file that cannot feed the declared types fails before any row is read.
    /// </summary>
    public static SourcePlan Create(ResolvedView view, IReadOnlyList<DatasetFile> files, long minT, long maxT)
    {
        var needs = SourceColumns.Needs(view);
        var lower = view.TtlMicros is { } ttl ? minT - ttl : long.MinValue;
        var lastDay = Micros.Day(maxT);
        var firstWindowDay = lower == long.MinValue ? long.MinValue : Micros.Day(lower);
        var rowGroups = new List<DatasetRowGroup>();
        var units = new List<SourceUnit>();
        var filesRead = new HashSet<string>(StringComparer.Ordinal);
        var eventColumn = view.Source.TimestampField;
        foreach (var file in files)
        {
            var day = PartitionDay(file);
            if (day > lastDay)
            {
                continue; // a partition of days after every spine timestamp: not even its footer is read
            }

            foreach (var rowGroup in RowGroupsOf(view, needs, file))
            {
                var ordinal = rowGroups.Count;
                rowGroups.Add(rowGroup);
                var kind = day != long.MinValue && day < firstWindowDay ? UnitKind.BelowWindow : UnitKind.Full;
                if (rowGroup.RowGroup.Column(eventColumn)?.Statistics is { Min: DateTime min, Max: DateTime max })
                {
                    if (Micros.FromDateTime(min) > maxT)
                    {
                        continue;
                    }

                    if (Micros.FromDateTime(max) < lower)
                    {
                        kind = UnitKind.BelowWindow;
                    }
                }

                if (rowGroup.RowGroup.RowCount > 0)
                {
                    units.Add(new SourceUnit(ordinal, rowGroup, kind));
                    filesRead.Add(file.Path);
                }
            }
        }

        return new SourcePlan(files, rowGroups, units, filesRead);
    }

    private static List<DatasetRowGroup> RowGroupsOf(ResolvedView view, IReadOnlyList<ColumnNeed> needs, DatasetFile file)
    {
        ParquetFileReader reader;
        try
        {
            reader = ParquetFileReader.Open(file.Path);
        }
        catch (Exception e) when (e is ParquetException or IOException or UnauthorizedAccessException)
        {
            throw new TrainingSetException($"cannot read {file.Path} (source of feature view '{view.Name}'): {e.Message}", e);
        }

        using (reader)
        {
            SourceColumns.Check(view, needs, reader.Schema, file.Path);
            return [.. reader.RowGroups.Select(rowGroup => new DatasetRowGroup(file, rowGroup))];
        }
    }

    private static long PartitionDay(DatasetFile file)
    {
        foreach (var name in DatePartitionNames)
        {
            if (file.Partitions.TryGetValue(name, out var text)
                && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;
            }
        }

        return long.MinValue;
    }
}
