namespace FeatureStore.Registry.Storage;

/// <summary>The list of training sets the project wrote (by manifest path).</summary>
public abstract partial class SqlRegistryStore
{
    private protected string TrainingSets { get; }

    public async Task RecordTrainingSetAsync(string project, TrainingSetRecord trainingSet, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trainingSet);
        await InitializeAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await connection.ExecuteAsync(null,
            $"INSERT INTO {TrainingSets} (project, manifest_path, written_at, actor, row_count) VALUES (@p, @m, @t, @a, @r) " +
            "ON CONFLICT (project, manifest_path) DO UPDATE SET written_at = excluded.written_at, actor = excluded.actor, row_count = excluded.row_count",
            cancellationToken,
            ("p", project), ("m", trainingSet.ManifestPath), ("t", trainingSet.WrittenAt.ToUniversalTime()), ("a", trainingSet.Actor), ("r", trainingSet.Rows));
    }

    public async Task<IReadOnlyList<TrainingSetRecord>> GetTrainingSetsAsync(string project, CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.Command(null,
            $"SELECT manifest_path, written_at, actor, row_count FROM {TrainingSets} WHERE project = @p ORDER BY written_at DESC, manifest_path",
            ("p", project));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var records = new List<TrainingSetRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(new TrainingSetRecord(reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1).ToUniversalTime(), reader.GetString(2), reader.GetInt64(3)));
        }

        return records;
    }

    private IEnumerable<string> TrainingSetSchemaStatements(string timestampType) =>
    [
        $"CREATE TABLE IF NOT EXISTS {TrainingSets} (project TEXT NOT NULL, manifest_path TEXT NOT NULL, written_at {timestampType} NOT NULL, " +
            "actor TEXT NOT NULL, row_count BIGINT NOT NULL, PRIMARY KEY (project, manifest_path))",
    ];
}
