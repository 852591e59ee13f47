using Apache.Arrow;
using Apache.Arrow.Types;
using FeatureStore.Cli;
using FeatureStore.OfflineServing.Hosting;
using FeatureStore.Parquet;
using FeatureStore.Sdk;
using FeatureStore.Sdk.Arrow;
using ArrowRecordBatch = Apache.Arrow.RecordBatch;

namespace FeatureStore.OfflineServing.Tests;

/// <summary>
/// The sample repo of <c>featurestore init</c> (project "rides", applied with the CLI), a labelled spine as Arrow and as a
/// Parquet file with the same values, and an offline Flight server on a free port, shared by the tests of one collection.
/// </summary>
public sealed class RidesRepo : IAsyncLifetime
{
    private FeatureStoreSession? session;
    private OfflineFlightServer? server;

    public string Root { get; } = Directory.CreateTempSubdirectory("fs-offline-serving-").FullName;

    public string Dir => Path.Combine(Root, "repo");

    /// <summary>Spine rows: known drivers a day ago, one before any history (MISSING), one unknown driver, and a null note.</summary>
    public ArrowRecordBatch Spine { get; private set; } = null!;

    /// <summary><see cref="Spine"/> written as Parquet with the project's writer (what the CLI reads).</summary>
    public string SpineFile => Path.Combine(Root, "spine.parquet");

    public Uri Address => server!.Address;

    public FeatureStoreSession Session => session!;

    internal Results.TrainingSetResults Results => server!.Results;

    public async Task InitializeAsync()
    {
        await CliAsync("init", Dir, "--project", "rides");
        await CliAsync("apply", "--repo", Dir);
        Spine = SpineBatch(DateTimeOffset.UtcNow);
        using (var writer = ParquetFileWriter.Create(SpineFile, ArrowBatches.FromArrowSchema(Spine.Schema)))
        {
            writer.WriteBatch(ArrowBatches.FromArrow(Spine));
            writer.Close();
        }

        session = await FeatureStoreSession.OpenAsync(Dir);
        server = await OfflineFlightServer.StartAsync(new OfflineFlightServerOptions { Port = 0 }, session);
    }

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }

        if (session is not null)
        {
            await session.DisposeAsync();
        }

        Directory.Delete(Root, recursive: true);
    }

    /// <summary>Runs the CLI in-process; fails the test with its stderr unless it exits 0.</summary>
    public static async Task<string> CliAsync(params string[] args)
    {
        var (exit, output, error) = await RunCliAsync(args);
        Assert.True(exit == 0, $"featurestore {string.Join(' ', args)} exited {exit}: {error}");
        return output;
    }

    public static async Task<(int Exit, string Output, string Error)> RunCliAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>The CLI's Parquet training set for the spine file (the reference every other form is compared with), as canonical rows.</summary>
    public async Task<CanonicalTable> CliParquetAsync(params string[] request)
    {
        var output = Path.Combine(Root, $"reference-{Guid.NewGuid():N}.parquet");
        await CliAsync(["get-historical-features", "--repo", Dir, "--spine", SpineFile, "--output", output, .. request]);
        return CanonicalTable.FromParquet(output);
    }

    private static ArrowRecordBatch SpineBatch(DateTimeOffset now)
    {
        var dayAgo = now.AddDays(-1).ToUnixTimeSeconds() * 1_000_000;
        var drivers = new List<long>();
        var times = new List<long>();
        for (var i = 0; i < 12; i++)
        {
            drivers.Add(1001 + i);
            times.Add(dayAgo - (i * 37 * 60 * 1_000_000L));
        }

        drivers.AddRange([1001, 99_999]);
        times.AddRange([now.AddDays(-40).ToUnixTimeSeconds() * 1_000_000, dayAgo]);
        var rows = drivers.Count;
        var timestamp = new TimestampType(Apache.Arrow.Types.TimeUnit.Microsecond, "UTC");
        var notes = new StringArray.Builder();
        for (var i = 0; i < rows; i++)
        {
            if (i == 3)
            {
                notes.AppendNull();
            }
            else
            {
                notes.Append($"note {i}");
            }
        }

        return new ArrowRecordBatch.Builder()
            .Append("driver_id", false, new Int64Array.Builder().AppendRange(drivers).Build())
            .Append("event_timestamp", false, new TimestampArray.Builder(timestamp).AppendRange(times.Select(t => DateTimeOffset.UnixEpoch.AddTicks(t * 10))).Build())
            .Append("label", false, new Int64Array.Builder().AppendRange(Enumerable.Range(0, rows).Select(i => (long)(i % 2))).Build())
            .Append("note", true, notes.Build())
            .Build();
    }
}

[CollectionDefinition(Name)]
public sealed class RidesRepoCollection : ICollectionFixture<RidesRepo>
{
    public const string Name = "rides repo with an offline Flight server";
}
