using System.Buffers;
using System.Buffers.Binary;
using FeatureStore.Parquet.Encodings;
using FeatureStore.Parquet.Reading;

namespace FeatureStore.Parquet.Writing;

/// <summary>BYTE_ARRAY (String, Enum, Binary) and FIXED_LEN_BYTE_ARRAY (FixedLenBinary, wide Decimal) columns.</summary>
internal sealed class ByteArrayChunkWriter : ColumnChunkWriter
{
    private readonly ArrayBufferWriter<byte> _pagePlain = new(1 << 16);
    private readonly GrowableArray<int> _pageIndices = new();
    private readonly ByteArrayDictionary _dictionary = new();
    private readonly int _fixedLength;
    private readonly bool _isDecimal;
    private readonly DictionaryTrial _trial = new();
    private long _dictionaryValues;
    private byte[]? _min;
    private byte[]? _max;
    private bool _useDictionary;
    private bool _dictionaryUsed;

    public ByteArrayChunkWriter(ColumnDescriptor column, ParquetWriteOptions options)
        : base(column, options)
    {
        _useDictionary = options.DictionaryEncoding;
        _fixedLength = column.Physical == Format.PhysicalType.FixedLenByteArray ? column.TypeLength : 0;
        _isDecimal = column.ValueType.Kind == ParquetTypeKind.Decimal;
    }

    protected override long PageValueBytes => _useDictionary
        ? ((long)_pageIndices.Count * RleBitPackedHybrid.BitWidth(Math.Max(_dictionary.Count - 1, 0)) / 8) + 1
        : _pagePlain.WrittenCount;

    protected override bool DictionaryFull => _useDictionary
        && (_dictionary.PlainSize(_fixedLength == 0) > Options.DictionaryPageSizeLimit || _trial.ShouldGiveUp(_dictionaryValues, _dictionary.Count));

    protected override void StopDictionary() => _useDictionary = false;

    protected override void AppendValues(Column column, int start, int count)
    {
        var validity = column.Validity;
        Span<byte> decimalBytes = stackalloc byte[16];
        for (var i = start; i < start + count; i++)
        {
            if (validity is not null && !validity[i])
            {
                continue;
            }

            var value = column switch
            {
                BinaryColumn binary when !_isDecimal => binary.GetBytes(i),
                DecimalColumn decimals when _isDecimal => DecimalBytes(decimals, i, decimalBytes),
                _ => throw new ArgumentException($"a {column.GetType().Name} cannot be written to a {Column.ValueType} column"),
            };
            if (_fixedLength > 0 && value.Length != _fixedLength)
            {
                throw new ArgumentException($"value of {value.Length} bytes in a FIXED_LEN_BYTE_ARRAY({_fixedLength}) column (row {i})");
            }

            if (_useDictionary)
            {
                _pageIndices.Add(_dictionary.GetOrAdd(value));
                _dictionaryValues++;
                continue;
            }

            UpdateMinMax(value);
            if (_fixedLength == 0)
            {
                BinaryPrimitives.WriteInt32LittleEndian(_pagePlain.GetSpan(4), value.Length);
                _pagePlain.Advance(4);
            }

            _pagePlain.Write(value);
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

        output.Write(_pagePlain.WrittenSpan);
        _pagePlain.ResetWrittenCount();
        return ParquetEncoding.Plain;
    }

    protected override (ReadOnlyMemory<byte> Data, int Count)? EncodeDictionary()
    {
        if (!_dictionaryUsed)
        {
            return null;
        }

        var output = new ArrayBufferWriter<byte>((int)Math.Max(_dictionary.PlainSize(_fixedLength == 0), 1));
        for (var i = 0; i < _dictionary.Count; i++)
        {
            var value = _dictionary[i];
            UpdateMinMax(value);
            if (_fixedLength == 0)
            {
                BinaryPrimitives.WriteInt32LittleEndian(output.GetSpan(4), value.Length);
                output.Advance(4);
            }

            output.Write(value);
        }

        return (output.WrittenMemory, _dictionary.Count);
    }

    protected override (byte[]? Min, byte[]? Max) MinMax() => (_min, _max);

    protected override void ReleaseBuffers()
    {
        _pageIndices.Release();
        _dictionary.Release();
    }

    private ReadOnlySpan<byte> DecimalBytes(DecimalColumn column, int row, Span<byte> buffer)
    {
        var unscaled = DecimalUnscaled.Of(column, row, Column.ValueType);
        BinaryPrimitives.WriteInt128BigEndian(buffer, unscaled);
        return buffer[(16 - _fixedLength)..];
    }

    private void UpdateMinMax(ReadOnlySpan<byte> value)
    {
        if (_isDecimal)
        {
            var number = DecimalConverter.FromBigEndian(value);
            if (_min is null || number < DecimalConverter.FromBigEndian(_min))
            {
                _min = value.ToArray();
            }

            if (_max is null || number > DecimalConverter.FromBigEndian(_max))
            {
                _max = value.ToArray();
            }

            return;
        }

        if (_min is null || value.SequenceCompareTo(_min) < 0)
        {
            _min = value.ToArray();
        }

        if (_max is null || value.SequenceCompareTo(_max) > 0)
        {
            _max = value.ToArray();
        }
    }
}
