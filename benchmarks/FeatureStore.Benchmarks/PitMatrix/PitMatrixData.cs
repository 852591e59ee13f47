using System.Diagnostics;
using FeatureStore.Parquet;
using FeatureStore.Registry.Model;
using FeatureStore.Sdk;

namespace FeatureStore.Benchmarks.PitMatrix;

/// <summary>
/// A pit-matrix cell's files under the benchmark folder, generated once and reused: <c>data/VIEWDATAKEY/view_N.parquet</c>
/// (90 days of history in event-time order, 1M-row row groups, every key with exactly its rows per key),
/// <c>spines/SPINEKEY.parquet</c> (random keys, 5% of them unknown, and random times from day 30 to day 91, in no order),
/// and <c>cells/KEY/</c>: a feature repo (featurestore.yaml, SQLite registry) with the cell's views applied.
/// </summary>
internal static class PitMatrixData
{
    public const string Project = "pitmatrix";
    public const string EntityName = "entity";
    public const string SpineTimestamp = "event_timestamp";

    private const long Hour = 3_600_000_000L;
    private const long Day = 24 * Hour;
    private const int HistoryDays = 90;
    private const int RowGroup = 1 << 20;
    private static readonly long Start = (new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
    private static readonly string[] Cities = ["London", "Paris", "Berlin", "Madrid", "Rome", "Lisbon", "Vienna", "Prague", "Dublin", "Oslo"];

    public static string ViewPath(string dir, PitMatrixCell cell, PitMatrixView view) => Path.Combine(dir, "data", cell.ViewDataKey, view.FileName);

    public static string SpinePath(string dir, PitMatrixCell cell) => Path.Combine(dir, "spines", cell.SpineKey + ".parquet");

    /// <summary>Generates what the cell lacks; returns its repo folder.</summary>
    public static string Prepare(string dir, PitMatrixCell cell, Action<string> log)
    {
        foreach (var view in PitMatrixView.Of(cell))
        {
            var path = ViewPath(dir, cell, view);
            Generate(path, log, target => WriteView(target, cell, view));
        }

        var spine = SpinePath(dir, cell);
        Generate(spine, log, target => WriteSpine(target, cell));

        var repo = Path.Combine(dir, "cells", cell.Key);
        var applied = Path.Combine(repo, ".applied");
        if (!File.Exists(applied))
        {
            if (Directory.Exists(repo))
                Directory.Delete(repo, recursive: true);
            Directory.CreateDirectory(repo);
            File.WriteAllText(Path.Combine(repo, "featurestore.yaml"), $"project: {Project}\n");
            ApplyAsync(repo, Definitions(dir, repo, cell)).GetAwaiter().GetResult();
            File.WriteAllText(applied, "");
        }

        return repo;
    }

    /// <summary>The cell's features as CLI references (<c>view_0:*,view_1:*,...</c>).</summary>
    public static string FeatureReferences(PitMatrixCell cell) => string.Join(',', PitMatrixView.Of(cell).Select(v => v.Name + ":*"));

    private static RegistryDefinitions Definitions(string dir, string repo, PitMatrixCell cell)
    {
        var views = PitMatrixView.Of(cell);
        return new RegistryDefinitions(
            Project,
            [new EntityDefinition(EntityName, [new JoinKey(PitMatrixView.JoinKey, FeatureType.Int64)])],
            [.. views.Select(v => new DataSourceDefinition(v.SourceName, Path.GetRelativePath(repo, ViewPath(dir, cell, v)), PitMatrixView.EventColumn,
                v.HasCreated ? PitMatrixView.CreatedColumn : null))],
            [.. views.Select(v => new FeatureViewDefinition(v.Name, [EntityName], [.. v.Features.Select(f => new FeatureDefinition(f.Name, f.Type))],
                v.SourceName, "bench", Ttl: v.Ttl))],
            []);
    }

    private static async Task ApplyAsync(string repo, RegistryDefinitions definitions)
    {
        await using var session = await FeatureStoreSession.OpenAsync(repo);
        await session.ApplyAsync(definitions, new ApplyOptions { AllowBreaking = true, DeleteMissing = true, Actor = "pit-matrix" });
    }

    /// <summary>Writes through a temporary name, so an interrupted run leaves no half file to reuse.</summary>
    private static void Generate(string path, Action<string> log, Action<string> write)
    {
        if (File.Exists(path))
            return;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        var watch = Stopwatch.StartNew();
        write(temporary);
        File.Move(temporary, path, overwrite: true);
        log($"generated {path} ({new FileInfo(path).Length / 1e6:F0} MB) in {watch.Elapsed.TotalSeconds:F1} s");
    }

    private static void WriteView(string path, PitMatrixCell cell, PitMatrixView view)
    {
        var rows = checked((int)(cell.Entities * cell.RowsPerKey));
        var random = new Random(1000 + view.Index);
        var ids = new long[rows];
        var events = new long[rows];
        for (var i = 0; i < rows; i++)
        {
            ids[i] = 1 + (i % cell.Entities);
            events[i] = view.HasCreated ? Start + (random.NextInt64(HistoryDays * 24) * Hour) : Start + random.NextInt64(HistoryDays * Day);
        }

        Array.Sort(events, ids);
        var fields = new List<ParquetField>
        {
            new(PitMatrixView.JoinKey, ParquetType.Int64, Nullable: false),
            new(PitMatrixView.EventColumn, ParquetType.Timestamp(TimeUnit.Micros), Nullable: false),
        };
        if (view.HasCreated)
            fields.Add(new ParquetField(PitMatrixView.CreatedColumn, ParquetType.Timestamp(TimeUnit.Micros), Nullable: false));
        fields.AddRange(view.Features.Select(f => new ParquetField(f.Name, f.ParquetType)));
        var schema = new ParquetSchema(fields);
        using var writer = ParquetFileWriter.Create(path, schema, new ParquetWriteOptions { RowGroupSize = RowGroup });
        for (var start = 0; start < rows; start += RowGroup)
        {
            var count = Math.Min(RowGroup, rows - start);
            var chunkEvents = events[start..(start + count)];
            var columns = new List<Column> { new Int64Column(ids[start..(start + count)]), new Int64Column(chunkEvents) };
            if (view.HasCreated)
                columns.Add(new Int64Column([.. chunkEvents.Select(e => e + 1 + random.NextInt64(600_000_000))]));
            columns.AddRange(FeatureColumns(count, random));
            writer.WriteBatch(new RecordBatch(schema, columns, count));
        }
    }

    private static IEnumerable<Column> FeatureColumns(int count, Random random)
    {
        var rate = new float[count];
        var score = new double[count];
        var scorePresent = new bool[count];
        var total = new long[count];
        var city = new string[count];
        var active = new bool[count];
        for (var i = 0; i < count; i++)
        {
            rate[i] = random.NextSingle();
            scorePresent[i] = random.Next(20) != 0;
            score[i] = Math.Round(random.NextDouble() * 5, 2);
            total[i] = random.NextInt64(1_000_000);
            city[i] = Cities[random.Next(Cities.Length)];
            active[i] = random.Next(4) != 0;
        }

        return [new FloatColumn(rate), new DoubleColumn(score, scorePresent), new Int64Column(total), BinaryColumn.FromStrings(city), new BooleanColumn(active)];
    }

    private static void WriteSpine(string path, PitMatrixCell cell)
    {
        var schema = new ParquetSchema(
            new ParquetField(PitMatrixView.JoinKey, ParquetType.Int64, Nullable: false),
            new ParquetField(SpineTimestamp, ParquetType.Timestamp(TimeUnit.Micros), Nullable: false),
            new ParquetField("label", ParquetType.Int32, Nullable: false));
        var rows = checked((int)cell.SpineRows);
        var random = new Random(7);
        var ids = new long[rows];
        var times = new long[rows];
        var labels = new int[rows];
        for (var i = 0; i < rows; i++)
        {
            ids[i] = 1 + random.NextInt64(cell.Entities + (cell.Entities / 20) + 1);
            times[i] = Start + (30 * Day) + random.NextInt64(61 * Day);
            labels[i] = random.Next(2);
        }

        using var writer = ParquetFileWriter.Create(path, schema, new ParquetWriteOptions { RowGroupSize = RowGroup });
        writer.WriteBatch(new RecordBatch(schema, [new Int64Column(ids), new Int64Column(times), new Int32Column(labels)], rows));
    }
}
