using System.Buffers;
using System.Runtime.InteropServices;
using FeatureStore.Parquet.Encodings;
using FeatureStore.Parquet.Reading;

namespace FeatureStore.Parquet.Writing;

/// <summary>INT32, INT64, FLOAT, DOUBLE columns (decimals of precision up to 18 arrive as unscaled integers).</summary>
internal sealed class FixedWidthChunkWriter<T> : ColumnChunkWriter
    where T : unmanaged
{
    private readonly GrowableArray<T> _pageValues = new();
    private readonly GrowableArray<int> _pageIndices = new();
    private readonly FixedWidthDictionary<T> _dictionary = new();
    private readonly MinMax<T> _minMax;
    private readonly GrowableArray<T> _converted = new();
    private readonly DictionaryTrial _trial = new();
    private long _dictionaryValues;
    private bool _useDictionary;
    private bool _dictionaryUsed;

    public FixedWidthChunkWriter(ColumnDescriptor column, ParquetWriteOptions options)
        : base(column, options)
    {
        _useDictionary = options.DictionaryEncoding;
        var kind = column.ValueType.Kind;
        _minMax = new MinMax<T>(kind is ParquetTypeKind.UInt8 or ParquetTypeKind.UInt16 or ParquetTypeKind.UInt32 or ParquetTypeKind.UInt64);
    }

    private static int Size => System.Runtime.CompilerServices.Unsafe.SizeOf<T>();

    protected override bool WriteLegacyMinMax =>
        Column.ValueType.Kind is not (ParquetTypeKind.UInt8 or ParquetTypeKind.UInt16 or ParquetTypeKind.UInt32 or ParquetTypeKind.UInt64);

    protected override long PageValueBytes => _useDictionary
        ? ((long)_pageIndices.Count * RleBitPackedHybrid.BitWidth(Math.Max(_dictionary.Count - 1, 0)) / 8) + 1
        : (long)_pageValues.Count * Size;

    protected override bool DictionaryFull => _useDictionary
        && ((long)_dictionary.Count * Size > Options.DictionaryPageSizeLimit || _trial.ShouldGiveUp(_dictionaryValues, _dictionary.Count));

    protected override void StopDictionary() => _useDictionary = false;

    protected override void AppendValues(Column column, int start, int count)
    {
        var values = Source(column, start, count);
        var validity = column.Validity;
        if (_useDictionary)
        {
            AppendIndices(values, validity, start);
            return;
        }

        if (validity is null)
        {
            values.CopyTo(_pageValues.Append(count));
            return;
        }

        for (var i = 0; i < count; i++)
        {
            if (validity[start + i])
            {
                _pageValues.Add(values[i]);
            }
        }
    }

    /// <summary>Dictionary indices of the non-null values among rows start..start+values.Length.</summary>
    private void AppendIndices(ReadOnlySpan<T> values, bool[]? validity, int start)
    {
        if (validity is null)
        {
            var target = _pageIndices.Append(values.Length);
            for (var i = 0; i < target.Length; i++)
            {
                target[i] = _dictionary.GetOrAdd(values[i]);
            }

            _dictionaryValues += values.Length;
            return;
        }

        for (var i = 0; i < values.Length; i++)
        {
            if (validity[start + i])
            {
                _pageIndices.Add(_dictionary.GetOrAdd(values[i]));
                _dictionaryValues++;
            }
        }
    }

    protected override ParquetEncoding EncodePageValues(IBufferWriter<byte> output)
    {
        if (_useDictionary && _dictionary.Count > 0)
        {
            var bitWidth = RleBitPackedHybrid.BitWidth(_dictionary.Count - 1);
            output.Write([(byte)bitWidth]);
            RleBitPackedHybrid.Encode(_pageIndices.Span, bitWidth, output);
            _pageIndices.Clear();
            _dictionaryUsed = true;
            return ParquetEncoding.RleDictionary;
        }

        _minMax.Update(_pageValues.Span);
        output.Write(MemoryMarshal.AsBytes(_pageValues.Span));
        _pageValues.Clear();
        return ParquetEncoding.Plain;
    }

    protected override (ReadOnlyMemory<byte> Data, int Count)? EncodeDictionary()
    {
        if (!_dictionaryUsed)
        {
            return null;
        }

        _minMax.Update(_dictionary.Values);
        return (MemoryMarshal.AsBytes(_dictionary.Values).ToArray(), _dictionary.Count);
    }

    protected override (byte[]? Min, byte[]? Max) MinMax() => _minMax.ToBytes();

    protected override void ReleaseBuffers()
    {
        _pageValues.Release();
        _pageIndices.Release();
        _converted.Release();
        _dictionary.Release();
    }

    /// <summary>The column's values for rows start..start+count as T (decimals converted to unscaled integers).</summary>
    private ReadOnlySpan<T> Source(Column column, int start, int count)
    {
        switch (column)
        {
            case Int32Column c when typeof(T) == typeof(int):
                return MemoryMarshal.Cast<int, T>(c.Values.AsSpan(start, count));
            case Int64Column c when typeof(T) == typeof(long):
                return MemoryMarshal.Cast<long, T>(c.Values.AsSpan(start, count));
            case FloatColumn c when typeof(T) == typeof(float):
                return MemoryMarshal.Cast<float, T>(c.Values.AsSpan(start, count));
            case DoubleColumn c when typeof(T) == typeof(double):
                return MemoryMarshal.Cast<double, T>(c.Values.AsSpan(start, count));
            case DecimalColumn c:
                _converted.Clear();
                var validity = c.Validity;
                var target = _converted.Append(count);
                for (var i = 0; i < count; i++)
                {
                    var unscaled = validity is null || validity[start + i] ? DecimalUnscaled.Of(c, start + i, Column.ValueType) : 0;
                    target[i] = typeof(T) == typeof(int) ? (T)(object)checked((int)unscaled) : (T)(object)checked((long)unscaled);
                }

                return target;
            default:
                throw new ArgumentException($"a {column.GetType().Name} cannot be written to a {Column.ValueType} column");
        }
    }
}
