using FeatureStore.Parquet;

namespace FeatureStore.Cli.Sample;

/// <summary>
/// Scaffolds a working example feature repo: featurestore.yaml, definition files, and generated Parquet history
/// (a single file, a hive-partitioned directory, and an embeddings file) so every kind of source is shown. The quickstart
/// adds the push source <c>driver_trip_events</c> (trips.yaml, history under data/driver_trip_events/) and its online view.
/// </summary>
internal static class SampleRepo
{
    /// <summary>Marks a directory as made by <see cref="Create"/>, so quickstart may safely rebuild it.</summary>
    public const string MarkerFile = ".featurestore-sample";

    /// <summary>Folder of the push source's Parquet history, relative to the repo (pushed rows are appended below it).</summary>
    public const string TripEventsFolder = "data/driver_trip_events";

    public static SampleSummary Create(string directory, string project, DateTimeOffset now, bool withPushSource = false)
    {
        Directory.CreateDirectory(directory);
        if (Directory.EnumerateFileSystemEntries(directory).Any(entry => Path.GetFileName(entry) != MarkerFile))
        {
            if (!File.Exists(Path.Combine(directory, MarkerFile)))
            {
                throw new CliUserException($"'{directory}' is not empty: init needs a new or empty directory");
            }
            // A sample repo made earlier: start again from scratch, keeping nothing of it.
            Directory.Delete(directory, recursive: true);
            Directory.CreateDirectory(directory);
        }

        var end = new DateTimeOffset(now.UtcDateTime.Date.AddHours(now.UtcDateTime.Hour), TimeSpan.Zero);
        File.WriteAllText(Path.Combine(directory, MarkerFile), "created by 'featurestore init'\n");
        File.WriteAllText(Path.Combine(directory, "featurestore.yaml"), SampleDefinitions.ProjectFile(project));
        File.WriteAllText(Path.Combine(directory, "entities.yaml"), SampleDefinitions.Entities);
        File.WriteAllText(Path.Combine(directory, "drivers.yaml"), SampleDefinitions.Drivers);
        File.WriteAllText(Path.Combine(directory, "customers.yaml"), SampleDefinitions.Customers);
        File.WriteAllText(Path.Combine(directory, "services.yaml"), SampleDefinitions.Services);

        var data = Path.Combine(directory, "data");
        var rows = 0L;
        rows += Write(Path.Combine(data, "driver_stats.parquet"), SampleHistory.DriverStats(end));
        foreach (var (day, batch) in SampleHistory.CustomerProfiles(end))
        {
            rows += Write(Path.Combine(data, "customer_profile", $"date={day:yyyy-MM-dd}", "part-0.parquet"), batch);
        }
        rows += Write(Path.Combine(data, "driver_embeddings.parquet"), SampleHistory.DriverEmbeddings(end));
        if (withPushSource)
        {
            File.WriteAllText(Path.Combine(directory, "trips.yaml"), SampleDefinitions.DriverTrips);
            foreach (var (day, batch) in SampleHistory.DriverTrips(end))
            {
                rows += Write(Path.Combine(directory, TripEventsFolder, $"event_date={day:yyyy-MM-dd}", "part-0.parquet"), batch);
            }
        }
        return new SampleSummary(directory, project, rows, end.AddDays(-SampleHistory.Days), end);
    }

    private static int Write(string path, RecordBatch batch)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var writer = ParquetFileWriter.Create(path, batch.Schema, new ParquetWriteOptions { RowGroupSize = 50_000 });
        writer.WriteBatch(batch);
        return batch.RowCount;
    }
}

/// <summary>What <see cref="SampleRepo.Create"/> made: the repo and the span of its history.</summary>
internal sealed record SampleSummary(string Directory, string Project, long Rows, DateTimeOffset HistoryStart, DateTimeOffset HistoryEnd);
