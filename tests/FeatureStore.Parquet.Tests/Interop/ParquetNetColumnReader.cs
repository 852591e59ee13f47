using Net = global::Parquet;
using NetData = global::Parquet.Data;
using NetSchema = global::Parquet.Schema;

namespace FeatureStore.Parquet.Tests.Interop;

/// <summary>
/// Reads one column of one row group with Parquet.Net's raw API (its decoded values plus definition and repetition
/// levels) and lays the values out as a <see cref="Column"/> of this codec, only so the canonical form
/// (<see cref="CanonicalJson"/>) can be shared; every value and null comes from Parquet.Net's decoding.
/// </summary>
internal static class ParquetNetColumnReader
{
    private delegate Task<Column> LeafReader(Net.ParquetRowGroupReader rowGroup, NetSchema.DataField leaf, ParquetField field);

    private static readonly Dictionary<Type, LeafReader> Readers = new()
    {
        [typeof(bool)] = ReadAsync<bool>,
        [typeof(sbyte)] = ReadAsync<sbyte>,
        [typeof(short)] = ReadAsync<short>,
        [typeof(int)] = ReadAsync<int>,
        [typeof(long)] = ReadAsync<long>,
        [typeof(byte)] = ReadAsync<byte>,
        [typeof(ushort)] = ReadAsync<ushort>,
        [typeof(uint)] = ReadAsync<uint>,
        [typeof(ulong)] = ReadAsync<ulong>,
        [typeof(float)] = ReadAsync<float>,
        [typeof(double)] = ReadAsync<double>,
        [typeof(ReadOnlyMemory<char>)] = ReadAsync<ReadOnlyMemory<char>>,
        [typeof(ReadOnlyMemory<byte>)] = ReadAsync<ReadOnlyMemory<byte>>,
        [typeof(DateTime)] = ReadAsync<DateTime>,
        [typeof(DateOnly)] = ReadAsync<DateOnly>,
        [typeof(NetData.BigDecimal)] = ReadAsync<NetData.BigDecimal>,
    };

    public static Task<Column> ReadAsync(Net.ParquetRowGroupReader rowGroup, NetSchema.Field field)
    {
        var leaf = ParquetNetTypes.LeafOf(field);
        return Readers.TryGetValue(leaf.ClrType, out var read)
            ? read(rowGroup, leaf, ParquetNetTypes.FromNet(field))
            : throw new NotSupportedException($"column '{field.Name}': Parquet.Net reads it as {leaf.ClrType}, not mapped here");
    }

    private static async Task<Column> ReadAsync<T>(Net.ParquetRowGroupReader rowGroup, NetSchema.DataField leaf, ParquetField field)
        where T : struct
    {
        var count = checked((int)(rowGroup.GetMetadata(leaf)?.MetaData?.NumValues
            ?? throw new InvalidOperationException($"column '{field.Name}': no column chunk metadata")));
        var values = new T[count];
        var definitions = leaf.MaxDefinitionLevel > 0 ? new int[count] : null;
        var repetitions = leaf.MaxRepetitionLevel > 0 ? new int[count] : null;
        await rowGroup.ReadRawAsync(leaf, values.AsMemory(), definitions?.AsMemory(), repetitions?.AsMemory());

        if (field.Type.Kind != ParquetTypeKind.List)
        {
            var present = definitions?.Select(d => d == leaf.MaxDefinitionLevel).ToArray();
            return Values(values, present, count, field.Type);
        }

        return List(values, definitions!, repetitions!, leaf.MaxDefinitionLevel, field);
    }

    /// <summary>
    /// Rebuilds rows from levels: repetition 0 starts a row; definition 0 of an optional list is a null row and the
    /// list's own level an empty one; above it each entry is an element, null below the maximum level.
    /// </summary>
    private static ListColumn List<T>(T[] values, int[] definitions, int[] repetitions, int maxDefinition, ParquetField field)
        where T : struct
    {
        var emptyLevel = field.Nullable ? 1 : 0;
        var rows = repetitions.Count(r => r == 0);
        var offsets = new int[rows + 1];
        var validity = new bool[rows];
        var elementPresent = new List<bool>();
        var row = -1;
        for (var i = 0; i < definitions.Length; i++)
        {
            if (repetitions[i] == 0)
            {
                row++;
                offsets[row + 1] = offsets[row];
                validity[row] = definitions[i] >= emptyLevel;
            }

            if (definitions[i] > emptyLevel)
            {
                elementPresent.Add(definitions[i] == maxDefinition);
                offsets[row + 1]++;
            }
        }

        var elements = Values(values, elementPresent.ToArray(), elementPresent.Count, field.Type.Element!);
        return new ListColumn(offsets, elements, rows, field.Nullable ? validity : null);
    }

    /// <summary>
    /// Spreads the non-null values over <paramref name="count"/> slots (present = null means no nulls). Dispatches on
    /// T, not on the array's pattern: the runtime lets a byte[] pass as sbyte[] and the reverse.
    /// </summary>
    private static Column Values<T>(T[] compact, bool[]? present, int count, ParquetType type)
        where T : struct
    {
        object values = compact;
        return typeof(T) switch
        {
            var t when t == typeof(bool) => new BooleanColumn(Spread((bool[])values, present, count, x => x), present),
            var t when t == typeof(sbyte) => new Int32Column(Spread((sbyte[])values, present, count, x => (int)x), present),
            var t when t == typeof(short) => new Int32Column(Spread((short[])values, present, count, x => (int)x), present),
            var t when t == typeof(int) => new Int32Column(Spread((int[])values, present, count, x => x), present),
            var t when t == typeof(byte) => new Int32Column(Spread((byte[])values, present, count, x => (int)x), present),
            var t when t == typeof(ushort) => new Int32Column(Spread((ushort[])values, present, count, x => (int)x), present),
            var t when t == typeof(uint) => new Int32Column(Spread((uint[])values, present, count, x => unchecked((int)x)), present),
            var t when t == typeof(long) => new Int64Column(Spread((long[])values, present, count, x => x), present),
            var t when t == typeof(ulong) => new Int64Column(Spread((ulong[])values, present, count, x => unchecked((long)x)), present),
            var t when t == typeof(float) => new FloatColumn(Spread((float[])values, present, count, x => x), present),
            var t when t == typeof(double) => new DoubleColumn(Spread((double[])values, present, count, x => x), present),
            var t when t == typeof(ReadOnlyMemory<char>) => BinaryColumn.FromStrings(SpreadNullable((ReadOnlyMemory<char>[])values, present, count, x => x.ToString())),
            var t when t == typeof(ReadOnlyMemory<byte>) => BinaryColumn.FromBytes(SpreadNullable((ReadOnlyMemory<byte>[])values, present, count, x => x.ToArray())),
            var t when t == typeof(DateOnly) => new Int32Column(Spread((DateOnly[])values, present, count, TemporalValues.FromDateOnly), present),
            var t when t == typeof(DateTime) => new Int64Column(Spread((DateTime[])values, present, count, x => SinceEpoch(x, type.Unit)), present),
            var t when t == typeof(NetData.BigDecimal) =>
                new DecimalColumn(Spread((NetData.BigDecimal[])values, present, count, x => Unscaled(x, type)), type.Scale, count, present),
            _ => throw new NotSupportedException($"no layout for {typeof(T)}"),
        };
    }

    /// <summary>A DateTime's wall-clock ticks (its Kind is ignored: Parquet.Net only labels local timestamps) in the unit.</summary>
    private static long SinceEpoch(DateTime value, TimeUnit unit)
    {
        var ticks = value.Ticks - DateTime.UnixEpoch.Ticks;
        return unit switch
        {
            TimeUnit.Millis => ticks / TimeSpan.TicksPerMillisecond,
            TimeUnit.Micros => ticks / TimeSpan.TicksPerMicrosecond,
            _ => checked(ticks * TimeSpan.NanosecondsPerTick),
        };
    }

    private static Int128 Unscaled(NetData.BigDecimal value, ParquetType type) => value.Scale == type.Scale
        ? (Int128)value.UnscaledValue
        : throw new InvalidOperationException($"Parquet.Net returned scale {value.Scale} for a {type} column");

    private static TOut[] Spread<TIn, TOut>(TIn[] compact, bool[]? present, int count, Func<TIn, TOut> convert)
    {
        var result = new TOut[count];
        var next = 0;
        for (var i = 0; i < count; i++)
        {
            if (present is null || present[i])
            {
                result[i] = convert(compact[next++]);
            }
        }

        return result;
    }

    private static TOut?[] SpreadNullable<TIn, TOut>(TIn[] compact, bool[]? present, int count, Func<TIn, TOut> convert)
        where TOut : class
    {
        var result = new TOut?[count];
        var next = 0;
        for (var i = 0; i < count; i++)
        {
            if (present is null || present[i])
            {
                result[i] = convert(compact[next++]);
            }
        }

        return result;
    }
}
