using FeatureStore.Offline;
using FeatureStore.Parquet;

namespace FeatureStore.Streaming.Tests;

public sealed class TrainingSetTests
{
    [Fact]
    public async Task An_as_of_created_training_set_sees_a_streamed_value_only_from_its_ingestion_time()
    {
        await using var repo = StreamRepo.Create();
        var eventTime = StreamRepo.T0;
        repo.Clock.Now = eventTime.AddHours(1);
        await repo.Ingestor().IngestAsync("trips", [StreamRepo.Trip(0, 1, eventTime, conv: 0.4)]);
        var spine = Path.Combine(repo.Dir, "spine.parquet");
        WriteSpine(spine, eventTime.AddMinutes(30), eventTime.AddHours(2));

        var request = new TrainingSetRequest { RepoDir = repo.Dir, SpinePath = spine, Features = ["driver_stats:conv_rate"], StatusColumns = true };
        var asKnown = Read(TrainingSetEngine.Build(RegistrySnapshot.FromDefinitions(repo.Definitions), request with { AsOfCreated = true }));
        var asOfEvent = Read(TrainingSetEngine.Build(RegistrySnapshot.FromDefinitions(repo.Definitions), request));

        Assert.Equal([(null, "MISSING"), (0.4, "PRESENT")], asKnown);
        Assert.Equal([(0.4, "PRESENT"), (0.4, "PRESENT")], asOfEvent);
    }

    private static void WriteSpine(string path, params DateTimeOffset[] times)
    {
        var schema = new ParquetSchema(
            new ParquetField("driver_id", ParquetType.Int64, Nullable: false),
            new ParquetField("event_timestamp", ParquetType.Timestamp(TimeUnit.Micros, isAdjustedToUtc: true), Nullable: false));
        var micros = times.Select(t => (t - DateTimeOffset.UnixEpoch).Ticks / 10).ToArray();
        using var writer = ParquetFileWriter.Create(path, schema);
        writer.WriteBatch(new RecordBatch(schema, [new Int64Column([.. times.Select(_ => 1L)]), new Int64Column(micros)], times.Length));
    }

    private static List<(double?, string?)> Read(TrainingSet set)
    {
        var rows = new List<(double?, string?)>();
        foreach (var batch in set.Batches())
        {
            var conv = (DoubleColumn)batch["conv_rate"];
            var status = (BinaryColumn)batch["conv_rate__status"];
            for (var r = 0; r < batch.RowCount; r++)
                rows.Add((conv.IsNull(r) ? null : conv.Values[r], status.GetString(r)));
        }

        return rows;
    }
}
