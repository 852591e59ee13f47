using System.Numerics;
using Net = global::Parquet;
using NetData = global::Parquet.Data;
using NetSchema = global::Parquet.Schema;

namespace FeatureStore.Parquet.Tests.Interop;

/// <summary>
/// Writes rows [start, start + count) of one column with Parquet.Net's low-level API: the non-null values as the .NET
/// type Parquet.Net takes for the field, with definition levels (nulls) and repetition levels (lists) built here.
/// </summary>
internal static class ParquetNetColumnWriter
{
    public static Task WriteAsync(Net.ParquetRowGroupWriter rowGroup, NetSchema.Field netField, ParquetField field, Column column, int start, int count)
    {
        var leaf = ParquetNetTypes.LeafOf(netField);
        var type = field.Type.Kind == ParquetTypeKind.List ? field.Type.Element! : field.Type;
        var rows = new Rows(rowGroup, leaf, column, start, count);
        return type.Kind switch
        {
            ParquetTypeKind.Boolean => rows.WriteAsync((c, i) => ((BooleanColumn)c).Values[i]),
            ParquetTypeKind.Int8 => rows.WriteAsync((c, i) => checked((sbyte)((Int32Column)c).Values[i])),
            ParquetTypeKind.Int16 => rows.WriteAsync((c, i) => checked((short)((Int32Column)c).Values[i])),
            ParquetTypeKind.Int32 => rows.WriteAsync((c, i) => ((Int32Column)c).Values[i]),
            ParquetTypeKind.UInt8 => rows.WriteAsync((c, i) => checked((byte)((Int32Column)c).Values[i])),
            ParquetTypeKind.UInt16 => rows.WriteAsync((c, i) => checked((ushort)((Int32Column)c).Values[i])),
            ParquetTypeKind.UInt32 => rows.WriteAsync((c, i) => unchecked((uint)((Int32Column)c).Values[i])),
            ParquetTypeKind.Int64 => rows.WriteAsync((c, i) => ((Int64Column)c).Values[i]),
            ParquetTypeKind.UInt64 => rows.WriteAsync((c, i) => unchecked((ulong)((Int64Column)c).Values[i])),
            ParquetTypeKind.Float => rows.WriteAsync((c, i) => ((FloatColumn)c).Values[i]),
            ParquetTypeKind.Double => rows.WriteAsync((c, i) => ((DoubleColumn)c).Values[i]),
            ParquetTypeKind.String => rows.WriteAsync((c, i) => ((BinaryColumn)c).GetString(i)!.AsMemory()),
            ParquetTypeKind.Binary => rows.WriteAsync((c, i) => (ReadOnlyMemory<byte>)((BinaryColumn)c).GetBytes(i).ToArray()),
            ParquetTypeKind.Date => rows.WriteAsync((c, i) => TemporalValues.ToDateOnly(((Int32Column)c).Values[i])),
            ParquetTypeKind.Time when type.Unit == TimeUnit.Millis => rows.WriteAsync((c, i) => ((Int32Column)c).Values[i]),
            ParquetTypeKind.Time => rows.WriteAsync((c, i) => ((Int64Column)c).Values[i]),
            ParquetTypeKind.Timestamp => rows.WriteAsync((c, i) => ToDateTime(((Int64Column)c).Values[i], type, field.Name)),
            ParquetTypeKind.Decimal when type.Precision > 28 => rows.WriteAsync((c, i) => ToBigDecimal((DecimalColumn)c, i, type)),
            ParquetTypeKind.Decimal => rows.WriteAsync((c, i) => ((DecimalColumn)c).Values[i]),
            _ => throw new NotSupportedException($"column '{field.Name}': Parquet.Net cannot write {type}"),
        };
    }

    /// <summary>Parquet.Net takes timestamps as DateTime: UTC-adjusted ones as Utc, the others as Unspecified (never Local).</summary>
    private static DateTime ToDateTime(long value, ParquetType type, string column)
    {
        if (type.Unit == TimeUnit.Nanos && value % TimeSpan.NanosecondsPerTick != 0)
        {
            throw new ArgumentException($"column '{column}': {value} ns is not a whole 100 ns tick, which a DateTime cannot hold");
        }

        var ticks = type.Unit switch
        {
            TimeUnit.Millis => checked(value * TimeSpan.TicksPerMillisecond),
            TimeUnit.Micros => checked(value * TimeSpan.TicksPerMicrosecond),
            _ => value / TimeSpan.NanosecondsPerTick,
        };
        return new DateTime(checked(DateTime.UnixEpoch.Ticks + ticks), type.IsAdjustedToUtc ? DateTimeKind.Utc : DateTimeKind.Unspecified);
    }

    private static NetData.BigDecimal ToBigDecimal(DecimalColumn column, int row, ParquetType type) => column.Unscaled is { } unscaled
        ? new NetData.BigDecimal((BigInteger)unscaled[row], type.Precision, type.Scale)
        : NetData.BigDecimal.FromDecimal(column.Values[row], type.Precision, type.Scale);

    /// <summary>The rows of one column chunk and the levels Parquet.Net's schema gives its leaf.</summary>
    private sealed class Rows(Net.ParquetRowGroupWriter rowGroup, NetSchema.DataField leaf, Column column, int start, int count)
    {
        public Task WriteAsync<T>(Func<Column, int, T> valueAt)
            where T : struct
        {
            var values = new List<T>(count);
            var definitions = new List<int>(count);
            var repetitions = new List<int>(count);
            var present = leaf.MaxDefinitionLevel;
            for (var row = start; row < start + count; row++)
            {
                if (column is not ListColumn list)
                {
                    definitions.Add(column.IsNull(row) ? present - 1 : present);
                    if (!column.IsNull(row))
                    {
                        values.Add(valueAt(column, row));
                    }

                    continue;
                }

                // Parquet.Net's lists are optional: 0 = null list, 1 = empty list, then the element's levels.
                if (list.IsNull(row) || list.GetListLength(row) == 0)
                {
                    definitions.Add(list.IsNull(row) ? 0 : 1);
                    repetitions.Add(0);
                    continue;
                }

                for (var e = list.Offsets[row]; e < list.Offsets[row + 1]; e++)
                {
                    repetitions.Add(e == list.Offsets[row] ? 0 : 1);
                    definitions.Add(list.Values.IsNull(e) ? present - 1 : present);
                    if (!list.Values.IsNull(e))
                    {
                        values.Add(valueAt(list.Values, e));
                    }
                }
            }

            return rowGroup.WriteAllPartsAsync<T>(
                leaf,
                values.ToArray(),
                Levels(definitions, leaf.MaxDefinitionLevel),
                Levels(repetitions, leaf.MaxRepetitionLevel),
                CancellationToken.None);
        }

        /// <summary>
        /// No levels when the leaf's maximum level is 0: a null Nullable, not a null array (which converts to an empty
        /// ReadOnlyMemory that Parquet.Net counts as zero values).
        /// </summary>
        private static ReadOnlyMemory<int>? Levels(List<int> levels, int maxLevel)
        {
            if (maxLevel == 0)
            {
                return null;
            }

            return levels.ToArray();
        }
    }
}
