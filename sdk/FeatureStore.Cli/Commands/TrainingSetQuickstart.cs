using System.Globalization;
using FeatureStore.Cli.Sample;
using FeatureStore.Parquet;
using FeatureStore.Sdk;
using FeatureStore.Sdk.Listing;
using FeatureStore.Sdk.Offline;

namespace FeatureStore.Cli.Commands;

/// <summary>
/// The quickstart's training-set step: a spine of labelled driver events over the sample's history window (plus a day before
/// it and a few unknown drivers, so MISSING shows up too), joined with the driver_ranking service; prints rows and counts.
/// </summary>
internal static class TrainingSetQuickstart
{
    private const int SpineRows = 2000;
    private const string Service = "driver_ranking";

    public static async Task RunAsync(FeatureStoreSession store, RegistryListing listing, TextWriter output, CancellationToken ct)
    {
        var (first, last) = HistoryWindow(store.RepoDir, listing);
        var spinePath = Path.Combine(store.RepoDir, "training", "driver_ranking_spine.parquet");
        var outputPath = Path.Combine(store.RepoDir, "training", "driver_ranking.parquet");
        WriteSpine(spinePath, first, last);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var job = store.GetHistoricalFeaturesForService(Spine.FromFile(spinePath), Service, new HistoricalFeatureOptions { StatusColumns = true });
        var manifest = await job.WriteAsync(outputPath, ct).ConfigureAwait(false);
        await output.WriteAsync(GetHistoricalFeaturesCommand.Summary(manifest, outputPath, started.Elapsed)).ConfigureAwait(false);
        await output.WriteLineAsync("first rows:").ConfigureAwait(false);
        await output.WriteLineAsync(FirstRows(outputPath, 5)).ConfigureAwait(false);
        await output.WriteLineAsync($"same from the CLI: ./featurestore --repo {store.RepoDir} get-historical-features --spine {spinePath} --feature-service {Service} --output train.parquet --status-columns").ConfigureAwait(false);
    }

    /// <summary>First and last event time of the driver stats history (from row-group statistics, no data read).</summary>
    private static (long First, long Last) HistoryWindow(string repoDir, RegistryListing listing)
    {
        var view = listing.FeatureViews.First(v => v.Name == "driver_hourly_stats").Definition;
        var source = listing.DataSources.First(s => s.Name == view.Source).Definition;
        var stats = ParquetDataset.Open(Path.GetFullPath(source.Path, repoDir)).RowGroups()
            .Select(g => g.RowGroup.Column(source.TimestampField)?.Statistics)
            .OfType<ColumnStatistics>()
            .ToList();
        long Micros(object? value) => value is DateTime t ? (t.Ticks - DateTime.UnixEpoch.Ticks) / 10 : throw new CliUserException($"{source.Path}: no timestamp statistics for '{source.TimestampField}'");
        return (stats.Min(s => Micros(s.Min)), stats.Max(s => Micros(s.Max)));
    }

    private static void WriteSpine(string path, long first, long last)
    {
        var random = new Random(7);
        var start = first - 86_400_000_000L;
        var drivers = new long[SpineRows];
        var times = new long[SpineRows];
        var labels = new int[SpineRows];
        for (var i = 0; i < SpineRows; i++)
        {
            drivers[i] = SampleHistory.FirstDriverId + random.Next(SampleHistory.DriverCount + 5);
            times[i] = start + (long)(random.NextDouble() * (last - start));
            labels[i] = random.Next(2);
        }

        var schema = new ParquetSchema(
            new ParquetField("driver_id", ParquetType.Int64, Nullable: false),
            new ParquetField("event_timestamp", ParquetType.Timestamp(TimeUnit.Micros), Nullable: false),
            new ParquetField("trip_completed", ParquetType.Int32, Nullable: false));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var writer = ParquetFileWriter.Create(path, schema);
        writer.WriteBatch(new RecordBatch(schema, [new Int64Column(drivers), new Int64Column(times), new Int32Column(labels)], SpineRows));
    }

    private static string FirstRows(string path, int rows)
    {
        RecordBatch batch;
        using (var reader = ParquetFileReader.Open(path))
        {
            batch = reader.ReadAll();
        }

        var columns = batch.Schema.Fields.Select(f => f.Name).Where(n => !n.EndsWith("__status", StringComparison.Ordinal) || n == "conv_rate__status").ToList();
        return TextTable.Render(columns, Enumerable.Range(0, Math.Min(rows, batch.RowCount)).Select(row => (IReadOnlyList<string>)[.. columns.Select(c => Cell(batch, c, row))]));
    }

    private static string Cell(RecordBatch batch, string column, int row)
    {
        var field = batch.Schema[column];
        var values = batch[column];
        if (values.IsNull(row))
        {
            return "null";
        }

        return values switch
        {
            Int64Column t when field.Type.Kind == ParquetTypeKind.Timestamp =>
                DateTimeOffset.UnixEpoch.AddTicks(t.Values[row] * 10).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            FloatColumn f => f.Values[row].ToString("0.###", CultureInfo.InvariantCulture),
            ListColumn list => $"[{string.Join(", ", Enumerable.Range(list.Offsets[row], Math.Min(3, list.GetListLength(row))).Select(i => ((FloatColumn)list.Values).Values[i].ToString("0.00", CultureInfo.InvariantCulture)))}, ...]",
            BinaryColumn text => text.GetString(row) ?? "null",
            _ => Convert.ToString(values.GetValue(row), CultureInfo.InvariantCulture) ?? "null",
        };
    }
}
