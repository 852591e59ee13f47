using FeatureStore.Parquet;
using Net = global::Parquet;
using NetSchema = global::Parquet.Schema;

namespace FeatureStore.Benchmarks;

/// <summary>
/// The <see cref="FeatureTable"/> as Parquet.Net takes and gives it: the same columns as the .NET values of its typed API
/// (long, DateTime?, double?, string, and a list&lt;float&gt; as values with definition and repetition levels), prepared
/// before any timing; one row group per batch, as the C# writer gets them.
/// </summary>
internal sealed class ParquetNetFeatureTable
{
    private readonly NetSchema.DataField _key = new("entity_id", typeof(long), isNullable: false);
    private readonly NetSchema.DateTimeDataField _timestamp = new("event_ts", NetSchema.DateTimeFormat.Timestamp, isAdjustedToUTC: true, NetSchema.DateTimeTimeUnit.Micros, isNullable: true);
    private readonly NetSchema.DataField[] _features = Enumerable.Range(1, 5).Select(i => new NetSchema.DataField("f" + i, typeof(double), isNullable: true)).ToArray();
    private readonly NetSchema.DataField _segment = new("segment", typeof(string), isNullable: true);
    private readonly NetSchema.DataField _embeddingElement = new(NetSchema.ListField.ElementName, typeof(float), isNullable: true);
    private readonly List<RowGroup> _rowGroups;

    public ParquetNetFeatureTable(IReadOnlyList<RecordBatch> batches)
    {
        Schema = new NetSchema.ParquetSchema([_key, _timestamp, .. _features, _segment, new NetSchema.ListField("embedding", _embeddingElement)]);
        _rowGroups = batches.Select(ToRowGroup).ToList();
    }

    public NetSchema.ParquetSchema Schema { get; }

    /// <summary>The string column, the only type Parquet.Net dictionary-encodes (and only when asked to).</summary>
    public string DictionaryColumn => _segment.Path.ToString();

    public async Task WriteAsync(string path, Net.ParquetOptions options)
    {
        await using var file = File.Create(path);
        await using var writer = await Net.ParquetWriter.CreateAsync(Schema, file, options);
        foreach (var group in _rowGroups)
        {
            using var rowGroup = writer.CreateRowGroup();
            await rowGroup.WriteAsync<long>(_key, group.Keys);
            await rowGroup.WriteAsync<DateTime>(_timestamp, group.Timestamps);
            for (var f = 0; f < _features.Length; f++)
            {
                await rowGroup.WriteAsync<double>(_features[f], group.Features[f]);
            }

            await rowGroup.WriteAsync(_segment, group.Segments);
            await rowGroup.WriteAllPartsAsync<float>(_embeddingElement, group.Embeddings, group.EmbeddingDefinitions, group.EmbeddingRepetitions, CancellationToken.None);
            rowGroup.CompleteValidate();
        }
    }

    /// <summary>Decodes one row group fully with Parquet.Net's typed API and returns (rows, sum of entity_id).</summary>
    public static async Task<(long Rows, long KeySum)> ReadRowGroupAsync(string path, int index)
    {
        await using var reader = await Net.ParquetReader.CreateAsync(path);
        var rowGroup = reader.OpenRowGroupReader(index);
        var rows = checked((int)rowGroup.RowCount);
        long keySum = 0;
        foreach (var field in reader.Schema.DataFields)
        {
            var values = checked((int)rowGroup.GetMetadata(field)!.MetaData!.NumValues);
            switch (field)
            {
                case { MaxRepetitionLevel: > 0 }:
                    await rowGroup.ReadRawAsync<float>(field, new float[values], new int[values], new int[values]);
                    break;
                case { Name: "entity_id" }:
                    var keys = new long[rows];
                    await rowGroup.ReadAsync<long>(field, keys);
                    keySum = keys.Sum();
                    break;
                case NetSchema.DateTimeDataField:
                    await rowGroup.ReadAsync<DateTime>(field, new DateTime?[rows]);
                    break;
                case { Name: "segment" }:
                    await rowGroup.ReadAsync(field, new string?[rows]);
                    break;
                default:
                    await rowGroup.ReadAsync<double>(field, new double?[rows]);
                    break;
            }
        }

        return (rows, keySum);
    }

    public static async Task<int> RowGroupCountAsync(string path)
    {
        await using var reader = await Net.ParquetReader.CreateAsync(path);
        return reader.RowGroupCount;
    }

    private RowGroup ToRowGroup(RecordBatch batch)
    {
        var rows = batch.RowCount;
        var timestamps = ((Int64Column)batch["event_ts"]).Values;
        var segments = (BinaryColumn)batch["segment"];
        var embedding = (ListColumn)batch["embedding"];
        var elements = embedding.Offsets[rows];
        var definitions = new int[elements];
        var repetitions = new int[elements];
        Array.Fill(definitions, _embeddingElement.MaxDefinitionLevel);
        for (var row = 0; row < rows; row++)
        {
            for (var e = embedding.Offsets[row] + 1; e < embedding.Offsets[row + 1]; e++)
            {
                repetitions[e] = 1;
            }
        }

        return new RowGroup(
            ((Int64Column)batch["entity_id"]).Values.AsMemory(0, rows),
            Enumerable.Range(0, rows).Select(i => (DateTime?)TemporalValues.ToDateTime(timestamps[i], TimeUnit.Micros)).ToArray(),
            Enumerable.Range(1, 5).Select(f => ((DoubleColumn)batch["f" + f]).Values.Take(rows).Select(v => (double?)v).ToArray()).ToArray(),
            Enumerable.Range(0, rows).Select(segments.GetString).ToArray(),
            ((FloatColumn)embedding.Values).Values.AsMemory(0, elements),
            definitions,
            repetitions);
    }

    private sealed record RowGroup(
        ReadOnlyMemory<long> Keys,
        DateTime?[] Timestamps,
        double?[][] Features,
        string?[] Segments,
        ReadOnlyMemory<float> Embeddings,
        int[] EmbeddingDefinitions,
        int[] EmbeddingRepetitions);
}
