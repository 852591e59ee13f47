using FeatureStore.Registry.Model;
using FeatureStore.Streaming.Kafka.Decoding;

namespace FeatureStore.Streaming.Kafka.Consuming;

/// <summary>
/// <c>featurestore ingest</c>'s engine: one consumer (in the source's consumer group) per Kafka-streamed data source,
/// each writing micro-batches online through the shared <see cref="StreamIngestor"/> and appending them offline per
/// partition on its own cadence, until stopped. A stop finishes the batch in hand, appends every buffer offline and
/// commits. Brokers unreachable at the start fail fast with <see cref="KafkaIngestionException"/>; brokers or
/// stores lost later are retried with backoff and reported to <see cref="KafkaIngestionOptions.Reports"/>.
/// </summary>
public sealed class KafkaIngestionWorker
{
    private readonly RegistryDefinitions definitions;
    private readonly StreamIngestor ingestor;
    private readonly KafkaIngestionOptions options;
    private readonly IReadOnlyList<KafkaSource> sources;

    /// <exception cref="KafkaIngestionException">No Kafka-streamed source to read, or a bad view selection.</exception>
    public KafkaIngestionWorker(RegistryDefinitions definitions, StreamIngestor ingestor, KafkaIngestionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(ingestor);
        this.definitions = definitions;
        this.ingestor = ingestor;
        this.options = options ?? new KafkaIngestionOptions();
        this.options.Validate();
        sources = KafkaSourceSelection.Select(definitions, this.options.Views);
    }

    public IngestionStatus Status { get; } = new();

    /// <summary>The data sources read, with their topics and brokers, for the start line.</summary>
    public IReadOnlyList<string> Describe() =>
        [.. sources.Select(s => $"{s.Name} <- {s.Stream.Topic} @ {s.Stream.BootstrapServers} (group {s.Stream.ConsumerGroup}, dead letters to {s.Stream.EffectiveDeadLetterTopic})")];

    /// <summary>
    /// Checks that every source's brokers answer, then ingests until <paramref name="stop"/> is cancelled and what was
    /// written online is appended offline and committed. Throws <see cref="KafkaIngestionException"/> when brokers are unreachable at the start.
    /// </summary>
    public async Task RunAsync(CancellationToken stop)
    {
        var pipelines = new List<KafkaSourcePipeline>();
        using var appendGate = new SemaphoreSlim(1, 1);
        try
        {
            foreach (var source in sources)
            {
                pipelines.Add(new KafkaSourcePipeline(source, DecoderOf(source), ingestor, options, Status, appendGate));
            }

            await Task.WhenAll(pipelines.Select(p => Task.Run(() => p.CheckReachable(options.ConnectTimeout), stop))).ConfigureAwait(false);
            using var failed = CancellationTokenSource.CreateLinkedTokenSource(stop);
            var runs = pipelines.Select(p => Task.Run(async () =>
            {
                try
                {
                    await p.RunAsync(failed.Token).ConfigureAwait(false);
                }
                catch
                {
                    await failed.CancelAsync().ConfigureAwait(false);
                    throw;
                }
            }, CancellationToken.None)).ToList();
            await Task.WhenAll(runs).ConfigureAwait(false);
        }
        finally
        {
            foreach (var pipeline in pipelines)
            {
                pipeline.Dispose();
            }
        }
    }

    private IRecordDecoder DecoderOf(KafkaSource source)
    {
        try
        {
            return RecordDecoders.For(source.Source, definitions);
        }
        catch (ArgumentException e)
        {
            throw new KafkaIngestionException(e.Message, e);
        }
    }
}
