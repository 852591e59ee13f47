using FeatureStore.Client;
using FeatureStore.Sdk;
using FeatureStore.Sdk.Online;
using FeatureStore.Streaming.Kafka.Consuming;

namespace FeatureStore.Streaming.Kafka.Tests.Ingest;

/// <summary>A <see cref="KafkaIngestionWorker"/> over a repo's session, running until disposed (a graceful stop).</summary>
internal sealed class InProcessWorker : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly StringWriter reports = new();
    private Task? run;

    private InProcessWorker(FeatureStoreSession session) => Session = session;

    public FeatureStoreSession Session { get; }

    public KafkaIngestionWorker? Worker { get; private set; }

    public string Reports
    {
        get
        {
            lock (reports)
            {
                return reports.ToString();
            }
        }
    }

    /// <summary>Starts a worker with <paramref name="options"/> (default: the worker's defaults but a 200 ms offline flush interval, so tests need not wait 5 s for commits).</summary>
    public static async Task<InProcessWorker> StartAsync(KafkaRepo repo, KafkaIngestionOptions? options = null)
    {
        var running = new InProcessWorker(await FeatureStoreSession.OpenAsync(repo.Dir));
        var definitions = (await running.Session.ListAsync()).Definitions;
        var ingestor = await running.Session.OpenStreamIngestorAsync();
        options ??= new KafkaIngestionOptions { OfflineFlushInterval = TimeSpan.FromMilliseconds(200) };
        running.Worker = new KafkaIngestionWorker(definitions, ingestor, options with { Reports = running.reports });
        running.run = running.Worker.RunAsync(running.stop.Token);
        return running;
    }

    /// <summary>Polls the online store until <paramref name="done"/> holds for the row of <paramref name="driverId"/> (fails after 20 s).</summary>
    public async Task<OnlineFeatureTable> WaitOnlineAsync(string feature, long driverId, Func<OnlineFeatureTable, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var table = await Session.GetOnlineFeaturesAsync(OnlineFeatureQuery.ForFeatures(feature).WithEntities("driver_id", driverId));
            if (done(table))
            {
                return table;
            }

            Assert.False(run!.IsCompleted, $"the worker stopped: {run.Exception?.GetBaseException().Message}\n{Reports}");
            Assert.True(DateTime.UtcNow < deadline, $"{feature} of driver {driverId} not as expected within 20 s; reports:\n{Reports}");
            await Task.Delay(50);
        }
    }

    /// <summary>Waits until the worker wrote <paramref name="messages"/> messages online or dead-lettered them, in all.</summary>
    public async Task WaitConsumedAsync(long messages)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (Worker!.Status.Read().Consumed < messages)
        {
            Assert.True(DateTime.UtcNow < deadline, $"consumed {Worker.Status.Read().Consumed} of {messages} within 20 s; reports:\n{Reports}");
            await Task.Delay(50);
        }
    }

    /// <summary>Waits until the worker committed <paramref name="messages"/> messages in all (appended offline, offsets committed).</summary>
    public async Task WaitCommittedAsync(long messages)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (Worker!.Status.Read().Committed < messages)
        {
            Assert.True(DateTime.UtcNow < deadline, $"committed {Worker.Status.Read().Committed} of {messages} within 20 s; reports:\n{Reports}");
            await Task.Delay(50);
        }
    }

    /// <summary>Stops the worker gracefully (it appends its buffers offline and commits) and waits for it; disposing later only closes the session.</summary>
    public async Task StopAsync()
    {
        await stop.CancelAsync();
        await run!;
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await run!;
        }
        finally
        {
            await Session.DisposeAsync();
            stop.Dispose();
        }
    }
}
