using FeatureStore.Online;
using FeatureStore.Parquet;
using FeatureStore.Registry.Model;
using FeatureStore.Streaming.Resolution;

namespace FeatureStore.Streaming.Offline;

/// <summary>
/// Parquet schema and batch of appended records: one column per offline column of the source, typed by the views'
/// declared types (timestamps as UTC microseconds); the created column holds each record's own ingestion time.
/// </summary>
internal static class AppendBatchBuilder
{
    public static ParquetSchema Schema(IReadOnlyList<SourceColumn> columns) =>
        new([.. columns.Select(c => new ParquetField(c.Name, ParquetTypeOf(c.Type), Nullable: true))]);

    public static RecordBatch Build(ParquetSchema schema, IReadOnlyList<SourceColumn> columns, OfflineBuffer buffer, RowSet rows)
    {
        var built = new Column[columns.Count];
        for (var c = 0; c < columns.Count; c++)
        {
            var index = c;
            built[c] = columns[c].Role == ColumnRole.CreatedTime
                ? BuildColumn(columns[c].Type, rows.Count, r => FeatureValue.FromTimestamp(new DateTimeOffset(buffer.IngestedTicksAt(rows[r]), TimeSpan.Zero)))
                : BuildColumn(columns[c].Type, rows.Count, r => buffer.ValueAt(rows[r], index));
        }

        return new RecordBatch(schema, built, rows.Count);
    }

    private static ParquetType ParquetTypeOf(FeatureType type) => type switch
    {
        FeatureType.Int32 => ParquetType.Int32,
        FeatureType.Int64 => ParquetType.Int64,
        FeatureType.Float32 => ParquetType.Float,
        FeatureType.Float64 => ParquetType.Double,
        FeatureType.Bool => ParquetType.Boolean,
        FeatureType.String => ParquetType.String,
        FeatureType.Bytes => ParquetType.Binary,
        FeatureType.Timestamp => ParquetType.Timestamp(TimeUnit.Micros, isAdjustedToUtc: true),
        FeatureType.Float32List => ParquetType.ListOf(ParquetType.Float),
        FeatureType.Float64List => ParquetType.ListOf(ParquetType.Double),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown feature type"),
    };

    private static Column BuildColumn(FeatureType type, int rows, Func<int, FeatureValue> valueOf)
    {
        var validity = new bool[rows];
        switch (type)
        {
            case FeatureType.Int32:
                return new Int32Column(Fill(rows, valueOf, validity, v => v.AsInt32()), validity);
            case FeatureType.Int64:
                return new Int64Column(Fill(rows, valueOf, validity, v => v.AsInt64()), validity);
            case FeatureType.Float32:
                return new FloatColumn(Fill(rows, valueOf, validity, v => v.AsFloat32()), validity);
            case FeatureType.Float64:
                return new DoubleColumn(Fill(rows, valueOf, validity, v => v.AsFloat64()), validity);
            case FeatureType.Bool:
                return new BooleanColumn(Fill(rows, valueOf, validity, v => v.AsBool()), validity);
            case FeatureType.Timestamp:
                return new Int64Column(Fill(rows, valueOf, validity, v => v.AsTimestamp().UtcTicks / TimeSpan.TicksPerMicrosecond - UnixEpochMicros), validity);
            case FeatureType.String:
                return BinaryColumn.FromStrings([.. Enumerable.Range(0, rows).Select(r => valueOf(r) is { IsNull: false } v ? v.AsString() : null)]);
            case FeatureType.Bytes:
                return BinaryColumn.FromBytes([.. Enumerable.Range(0, rows).Select(r => valueOf(r) is { IsNull: false } v ? v.AsBytes().ToArray() : null)]);
            case FeatureType.Float32List:
                return ListColumn.FromFloatArrays([.. Enumerable.Range(0, rows).Select(r => valueOf(r) is { IsNull: false } v ? v.AsFloat32List().ToArray() : null)]);
            case FeatureType.Float64List:
                return ListColumn.FromDoubleArrays([.. Enumerable.Range(0, rows).Select(r => valueOf(r) is { IsNull: false } v ? v.AsFloat64List().ToArray() : null)]);
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, "unknown feature type");
        }
    }

    private static readonly long UnixEpochMicros = DateTimeOffset.UnixEpoch.UtcTicks / TimeSpan.TicksPerMicrosecond;

    private static T[] Fill<T>(int rows, Func<int, FeatureValue> valueOf, bool[] validity, Func<FeatureValue, T> read)
    {
        var values = new T[rows];
        for (var r = 0; r < rows; r++)
        {
            var value = valueOf(r);
            validity[r] = !value.IsNull;
            if (!value.IsNull)
                values[r] = read(value);
        }

        return values;
    }
}
