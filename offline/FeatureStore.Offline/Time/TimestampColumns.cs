using System.Globalization;
using FeatureStore.Parquet;

namespace FeatureStore.Offline;

/// <summary>Reads a timestamp-like Parquet column as epoch microseconds; null rows give <c>valid[i] = false</c>.</summary>
internal static class TimestampColumns
{
    /// <summary>True for column types the engine reads as instants (timestamps of any unit, dates, epoch integers, ISO text).</summary>
    public static bool IsSupported(ParquetType type) => type.Kind is ParquetTypeKind.Timestamp or ParquetTypeKind.Date
        or ParquetTypeKind.Int64 or ParquetTypeKind.Int32 or ParquetTypeKind.String;

    /// <param name="where">Names the column for errors, e.g. "spine spine.parquet column 'ts'".</param>
    public static void Read(Column column, ParquetType type, Span<long> micros, Span<bool> valid, string where)
    {
        if (column.Validity is { } validity)
        {
            validity.AsSpan(0, column.Length).CopyTo(valid);
        }
        else
        {
            valid[..column.Length].Fill(true);
        }

        switch (column)
        {
            case Int64Column longs when type.Kind == ParquetTypeKind.Timestamp && type.Unit == TimeUnit.Micros:
                longs.Span.CopyTo(micros);
                break;
            case Int64Column longs when type.Kind == ParquetTypeKind.Timestamp:
                for (var i = 0; i < longs.Length; i++)
                {
                    micros[i] = Micros.FromUnit(longs.Values[i], type.Unit);
                }
                break;
            case Int64Column longs:
                for (var i = 0; i < longs.Length; i++)
                {
                    micros[i] = Micros.FromEpochNumber(longs.Values[i]);
                }
                break;
            case Int32Column days when type.Kind == ParquetTypeKind.Date:
                for (var i = 0; i < days.Length; i++)
                {
                    micros[i] = days.Values[i] * 86_400_000_000L;
                }
                break;
            case Int32Column ints:
                for (var i = 0; i < ints.Length; i++)
                {
                    micros[i] = Micros.FromEpochNumber(ints.Values[i]);
                }
                break;
            case BinaryColumn text:
                for (var i = 0; i < text.Length; i++)
                {
                    if (valid[i] && !TimestampText.TryParse(text.GetString(i), out micros[i]))
                    {
                        throw new TrainingSetException(
                            $"{where}: row {i.ToString(CultureInfo.InvariantCulture)} has unparseable timestamp '{text.GetString(i)}'");
                    }
                }
                break;
            default:
                throw new TrainingSetException($"{where} has type {type}, which is not a timestamp");
        }
    }
}
