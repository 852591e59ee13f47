using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using FeatureStore.Parquet;

namespace FeatureStore.Cli.Commands;

/// <summary>
/// <c>parquet head --format json</c>: one JSON object per line. Numbers stay numbers (NaN and infinities become strings),
/// booleans booleans, lists arrays; everything else is the text of <see cref="ParquetValueText"/>.
/// </summary>
internal static class ParquetJsonRenderer
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(TextWriter output, ParquetSchema schema, IReadOnlyList<RecordBatch> batches, int rows)
    {
        foreach (var (batch, row) in ParquetFiles.Rows(batches, rows))
        {
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer, Options))
            {
                json.WriteStartObject();
                for (var c = 0; c < schema.Count; c++)
                {
                    json.WritePropertyName(schema[c].Name);
                    WriteValue(json, batch.Columns[c], schema[c].Type, row);
                }

                json.WriteEndObject();
            }

            output.Write(Encoding.UTF8.GetString(buffer.ToArray()) + "\n");
        }
    }

    private static void WriteValue(Utf8JsonWriter json, Column column, ParquetType type, int row)
    {
        if (column.IsNull(row))
        {
            json.WriteNullValue();
            return;
        }

        switch (type.Kind)
        {
            case ParquetTypeKind.Boolean:
                json.WriteBooleanValue(((BooleanColumn)column).Values[row]);
                break;
            case ParquetTypeKind.Int8 or ParquetTypeKind.Int16 or ParquetTypeKind.Int32 or ParquetTypeKind.UInt8 or ParquetTypeKind.UInt16:
                json.WriteNumberValue(((Int32Column)column).Values[row]);
                break;
            case ParquetTypeKind.UInt32:
                json.WriteNumberValue((uint)((Int32Column)column).Values[row]);
                break;
            case ParquetTypeKind.Int64:
                json.WriteNumberValue(((Int64Column)column).Values[row]);
                break;
            case ParquetTypeKind.UInt64:
                json.WriteNumberValue((ulong)((Int64Column)column).Values[row]);
                break;
            case ParquetTypeKind.Float or ParquetTypeKind.Double:
                var number = column is FloatColumn floats ? floats.Values[row] : ((DoubleColumn)column).Values[row];
                if (double.IsFinite(number))
                {
                    json.WriteRawValue(ParquetValueText.Format(column, type, row)!);
                }
                else
                {
                    json.WriteStringValue(ParquetValueText.Format(column, type, row));
                }

                break;
            case ParquetTypeKind.List:
                var list = (ListColumn)column;
                json.WriteStartArray();
                for (var i = list.Offsets[row]; i < list.Offsets[row + 1]; i++)
                {
                    WriteValue(json, list.Values, type.Element!, i);
                }

                json.WriteEndArray();
                break;
            default:
                json.WriteStringValue(ParquetValueText.Format(column, type, row));
                break;
        }
    }
}
