using FeatureStore.Materialization.Source;
using FeatureStore.Online;
using FeatureStore.Parquet;
using FeatureStore.Registry.Model;

namespace FeatureStore.Materialization.Quality;

/// <summary>
/// Writes a run's rejected rows of one view version to <c>.featurestore/quarantine/&lt;key&gt;/&lt;run-id&gt;.parquet</c>
/// (key: <c>LiveView.MaterializationKey</c>, so two live versions of a view never share a file):
/// the join keys, event and created timestamps, every feature, <c>__reason</c> (the rule broken) and <c>__source</c>
/// (file and row). The file appears atomically (the codec writes a temp file and renames it).
/// </summary>
internal static class QuarantineWriter
{
    public const string ReasonColumn = "__reason";

    public static string PathFor(string repoDir, string viewKey, string runId) =>
        Path.Combine(repoDir, ".featurestore", "quarantine", viewKey, runId + ".parquet");

    public static string Write(
        string repoDir, string runId, FeatureViewDefinition view, IReadOnlyList<string> keyNames, IReadOnlyList<(SourceRow Row, string Reason)> rows)
    {
        var path = PathFor(repoDir, LiveView.MaterializationKey(view), runId);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var fields = new List<ParquetField>();
        var columns = new List<Column>();
        for (var k = 0; k < keyNames.Count; k++)
        {
            var index = k;
            var values = rows.Select(r => r.Row.Key.Parts[index]).ToList();
            var type = values.Count > 0 ? KindToType(values[0].Kind) : FeatureType.String;
            Add(keyNames[k], type, values);
        }

        fields.Add(new ParquetField("__event_timestamp", ParquetType.Timestamp(TimeUnit.Micros), Nullable: false));
        columns.Add(new Int64Column([.. rows.Select(r => Micros(r.Row.EventTicks))]));
        fields.Add(new ParquetField("__created_timestamp", ParquetType.Timestamp(TimeUnit.Micros)));
        columns.Add(new Int64Column(
            [.. rows.Select(r => r.Row.CreatedTicks == SourceRow.NoCreated ? 0 : Micros(r.Row.CreatedTicks))],
            [.. rows.Select(r => r.Row.CreatedTicks != SourceRow.NoCreated)]));
        for (var f = 0; f < view.Features.Count; f++)
        {
            var index = f;
            Add(view.Features[f].Name, view.Features[f].Type, [.. rows.Select(r => r.Row.Values[index])]);
        }

        fields.Add(new ParquetField(ReasonColumn, ParquetType.String, Nullable: false));
        columns.Add(BinaryColumn.FromStrings([.. rows.Select(r => r.Reason)]));
        fields.Add(new ParquetField("__source", ParquetType.String, Nullable: false));
        columns.Add(BinaryColumn.FromStrings([.. rows.Select(r => r.Row.Where)]));

        var schema = new ParquetSchema([.. fields]);
        using (var writer = ParquetFileWriter.Create(path, schema))
            writer.WriteBatch(new RecordBatch(schema, columns, rows.Count));
        return path;

        void Add(string name, FeatureType type, IReadOnlyList<FeatureValue> values)
        {
            var (field, column) = ToColumn(name, type, values);
            fields.Add(field);
            columns.Add(column);
        }
    }

    private static (ParquetField, Column) ToColumn(string name, FeatureType type, IReadOnlyList<FeatureValue> values)
    {
        var validity = values.Select(v => !v.IsNull).ToArray();
        return type switch
        {
            FeatureType.Int32 => (new(name, ParquetType.Int32), new Int32Column([.. values.Select(v => v.IsNull ? 0 : v.AsInt32())], validity)),
            FeatureType.Int64 => (new(name, ParquetType.Int64), new Int64Column([.. values.Select(v => v.IsNull ? 0 : v.AsInt64())], validity)),
            FeatureType.Float32 => (new(name, ParquetType.Float), new FloatColumn([.. values.Select(v => v.IsNull ? 0 : v.AsFloat32())], validity)),
            FeatureType.Float64 => (new(name, ParquetType.Double), new DoubleColumn([.. values.Select(v => v.IsNull ? 0 : v.AsFloat64())], validity)),
            FeatureType.Bool => (new(name, ParquetType.Boolean), new BooleanColumn([.. values.Select(v => !v.IsNull && v.AsBool())], validity)),
            FeatureType.String => (new(name, ParquetType.String), BinaryColumn.FromStrings([.. values.Select(v => v.IsNull ? null : v.AsString())])),
            FeatureType.Bytes => (new(name, ParquetType.Binary), BinaryColumn.FromBytes([.. values.Select(v => v.IsNull ? null : v.AsBytes().ToArray())])),
            FeatureType.Timestamp => (new(name, ParquetType.Timestamp(TimeUnit.Micros)),
                new Int64Column([.. values.Select(v => v.IsNull ? 0 : Micros(v.AsTimestamp().UtcTicks))], validity)),
            FeatureType.Float32List => (new(name, ParquetType.ListOf(ParquetType.Float, elementNullable: false)),
                ListColumn.FromFloatArrays([.. values.Select(v => v.IsNull ? null : v.AsFloat32List().ToArray())])),
            _ => (new(name, ParquetType.ListOf(ParquetType.Double, elementNullable: false)),
                ListColumn.FromDoubleArrays([.. values.Select(v => v.IsNull ? null : v.AsFloat64List().ToArray())])),
        };
    }

    private static FeatureType KindToType(FeatureValueKind kind) => kind switch
    {
        FeatureValueKind.Int32 => FeatureType.Int32,
        FeatureValueKind.Int64 => FeatureType.Int64,
        FeatureValueKind.Bytes => FeatureType.Bytes,
        _ => FeatureType.String,
    };

    private static long Micros(long utcTicks) => (utcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
}
