using System.Buffers;
using System.Buffers.Binary;
using FeatureStore.Parquet.Compression;
using FeatureStore.Parquet.Encodings;
using FeatureStore.Parquet.Format;
using FeatureStore.Parquet.Thrift;

namespace FeatureStore.Parquet.Reading;

/// <summary>
/// Decodes one column chunk (all its pages) into a <see cref="Column"/>. Page bodies are decompressed into a
/// pooled buffer; levels go to reused arrays; values are decoded straight into the output arrays.
/// Malformed input throws <see cref="InvalidDataException"/>; the caller adds file/column/row group context.
/// </summary>
internal sealed class ColumnChunkReader
{
    private const int LevelEncodingRle = 3;

    private readonly ColumnDescriptor _column;
    private readonly ColumnMetaData _meta;
    private readonly ParquetCompression _codec;
    private readonly ParquetReadOptions _options;
    private readonly int _rowCount;
    private readonly LeafValues _values;
    private readonly int _slotCapacity;
    private readonly bool[]? _slotValid;
    private readonly int[]? _listOffsets;
    private readonly bool[]? _listValid;
    private int[] _defs = [];
    private int[] _reps = [];
    private byte[]? _pageBuffer;
    private int _rows;
    private int _slots;
    private long _entries;
    private bool _sawNullSlot;
    private bool _sawNullList;

    public ColumnChunkReader(ColumnDescriptor column, ColumnMetaData meta, int rowCount, ParquetReadOptions options, long chunkUncompressedBytes)
    {
        _column = column;
        _meta = meta;
        _codec = (ParquetCompression)meta.Codec;
        _options = options;
        _rowCount = rowCount;
        if (column.IsList)
        {
            if (meta.NumValues < 0 || meta.NumValues > int.MaxValue - 1)
            {
                throw new InvalidDataException($"column chunk declares {meta.NumValues} values");
            }

            _slotCapacity = (int)meta.NumValues;
            CheckAllocation((long)(rowCount + 1) * 5);
            _listOffsets = new int[rowCount + 1];
            _listValid = column.ListDefLevel > 0 ? new bool[rowCount] : null;
        }
        else
        {
            _slotCapacity = rowCount;
        }

        var elementNullable = column.MaxDef > (column.IsList ? column.ElementDefLevel : 0);
        CheckAllocation((long)_slotCapacity * (ValueSize(column.Physical) + (elementNullable ? 1 : 0)));
        _slotValid = elementNullable ? new bool[_slotCapacity] : null;
        _values = CreateValues(column, _slotCapacity, chunkUncompressedBytes, options);
    }

    public Column Read(ReadOnlySpan<byte> chunk)
    {
        try
        {
            var position = 0;
            while (position < chunk.Length && !Complete)
            {
                var headerReader = new CompactReader(chunk[position..], _options.MaxThriftDepth);
                var header = PageHeader.Read(ref headerReader);
                position += headerReader.Position;
                var compressed = header.CompressedPageSize;
                if (compressed < 0 || compressed > chunk.Length - position)
                {
                    throw new InvalidDataException($"page at chunk offset {position} declares {compressed} compressed bytes but {chunk.Length - position} are left in the chunk");
                }

                if (header.UncompressedPageSize < 0 || header.UncompressedPageSize > _options.MaxAllocationBytes)
                {
                    throw new InvalidDataException($"page declares {header.UncompressedPageSize} uncompressed bytes (limit {_options.MaxAllocationBytes})");
                }

                var body = chunk.Slice(position, compressed);
                position += compressed;
                switch (header.Type)
                {
                    case PageType.DictionaryPage:
                        ReadDictionaryPage(header, body);
                        break;
                    case PageType.DataPage:
                        ReadDataPageV1(header, body);
                        break;
                    case PageType.DataPageV2:
                        ReadDataPageV2(header, body);
                        break;
                }
            }

            return Build();
        }
        finally
        {
            if (_pageBuffer is not null)
            {
                ArrayPool<byte>.Shared.Return(_pageBuffer);
            }
        }
    }

    private bool Complete => _column.IsList ? _entries >= _meta.NumValues : _rows >= _rowCount;

    private static int ValueSize(PhysicalType physical) => physical switch
    {
        PhysicalType.Boolean => 1,
        PhysicalType.Int32 or PhysicalType.Float => 4,
        PhysicalType.ByteArray or PhysicalType.FixedLenByteArray => 4,
        _ => 8,
    };

    private static LeafValues CreateValues(ColumnDescriptor column, int capacity, long chunkBytes, ParquetReadOptions options) => column.Physical switch
    {
        PhysicalType.Boolean => new BooleanValues(capacity),
        PhysicalType.Int32 => new FixedWidthValues<int>(capacity, options.Buffers),
        PhysicalType.Int64 => new FixedWidthValues<long>(capacity, options.Buffers),
        PhysicalType.Int96 => new FixedWidthValues<long>(capacity, options.Buffers, int96: true),
        PhysicalType.Float => new FixedWidthValues<float>(capacity, options.Buffers),
        PhysicalType.Double => new FixedWidthValues<double>(capacity, options.Buffers),
        PhysicalType.ByteArray => new ByteArrayValues(capacity, 0, (int)Math.Min(chunkBytes, int.MaxValue), options.MaxAllocationBytes),
        PhysicalType.FixedLenByteArray => column.TypeLength > 0
            ? new ByteArrayValues(capacity, column.TypeLength, (int)Math.Min((long)capacity * column.TypeLength, int.MaxValue), options.MaxAllocationBytes)
            : throw new InvalidDataException($"FIXED_LEN_BYTE_ARRAY with type_length {column.TypeLength}"),
        _ => throw new InvalidDataException($"unknown physical type {(int)column.Physical}"),
    };

    private void CheckAllocation(long bytes)
    {
        if (bytes > _options.MaxAllocationBytes)
        {
            throw new InvalidDataException($"column chunk needs {bytes} bytes, over the {_options.MaxAllocationBytes}-byte allocation limit");
        }
    }

    private void ReadDictionaryPage(PageHeader header, ReadOnlySpan<byte> body)
    {
        var dictionary = header.DictionaryPageHeader ?? throw new InvalidDataException("dictionary page without a dictionary_page_header");
        if (dictionary.NumValues < 0)
        {
            throw new InvalidDataException($"dictionary page declares {dictionary.NumValues} values");
        }

        var data = Decompress(body, header.UncompressedPageSize);
        _values.ReadDictionary(data, dictionary.NumValues);
    }

    private void ReadDataPageV1(PageHeader header, ReadOnlySpan<byte> body)
    {
        var page = header.DataPageHeader ?? throw new InvalidDataException("data page without a data_page_header");
        var count = CheckPageCount(page.NumValues);
        var data = Decompress(body, header.UncompressedPageSize);
        var offset = 0;
        var reps = ReadOnlySpan<int>.Empty;
        var defs = ReadOnlySpan<int>.Empty;
        if (_column.MaxRep > 0)
        {
            RequireRleLevels(page.RepetitionLevelEncoding, "repetition");
            reps = DecodeLevels(PrefixedLevels(data, ref offset), _column.MaxRep, count, ref _reps);
        }

        if (_column.MaxDef > 0)
        {
            RequireRleLevels(page.DefinitionLevelEncoding, "definition");
            defs = DecodeLevels(PrefixedLevels(data, ref offset), _column.MaxDef, count, ref _defs);
        }

        ApplyPage(count, defs, reps, data[offset..], ToEncoding(page.Encoding));
    }

    private void ReadDataPageV2(PageHeader header, ReadOnlySpan<byte> body)
    {
        var page = header.DataPageHeaderV2 ?? throw new InvalidDataException("data page v2 without a data_page_header_v2");
        var count = CheckPageCount(page.NumValues);
        var repLength = page.RepetitionLevelsByteLength;
        var defLength = page.DefinitionLevelsByteLength;
        if (repLength < 0 || defLength < 0 || (long)repLength + defLength > body.Length)
        {
            throw new InvalidDataException($"data page v2 level lengths {repLength} + {defLength} exceed the {body.Length}-byte page");
        }

        var reps = _column.MaxRep > 0 ? DecodeLevels(body[..repLength], _column.MaxRep, count, ref _reps) : [];
        var defs = _column.MaxDef > 0 ? DecodeLevels(body.Slice(repLength, defLength), _column.MaxDef, count, ref _defs) : [];
        var valueBody = body[(repLength + defLength)..];
        var valueSize = header.UncompressedPageSize - repLength - defLength;
        if (valueSize < 0)
        {
            throw new InvalidDataException($"data page v2 uncompressed size {header.UncompressedPageSize} is smaller than its levels");
        }

        var data = page.IsCompressed ? Decompress(valueBody, valueSize) : valueBody;
        ApplyPage(count, defs, reps, data, ToEncoding(page.Encoding));
    }

    private static ParquetEncoding ToEncoding(int encoding) => (ParquetEncoding)encoding;

    private static void RequireRleLevels(int encoding, string kind)
    {
        if (encoding != LevelEncodingRle)
        {
            throw new InvalidDataException($"{kind} level encoding {(ParquetEncoding)encoding} is not supported (only RLE)");
        }
    }

    private int CheckPageCount(int count)
    {
        var left = _column.IsList ? _meta.NumValues - _entries : _rowCount - _rows;
        if (count < 0 || count > left)
        {
            throw new InvalidDataException($"data page declares {count} values but only {left} remain in the column chunk");
        }

        return count;
    }

    private static ReadOnlySpan<byte> PrefixedLevels(ReadOnlySpan<byte> data, scoped ref int offset)
    {
        if (data.Length - offset < 4)
        {
            throw new InvalidDataException("data page ends before its level length");
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(data[offset..]);
        offset += 4;
        if (length < 0 || length > data.Length - offset)
        {
            throw new InvalidDataException($"level length {length} exceeds the {data.Length - offset} bytes left in the page");
        }

        var levels = data.Slice(offset, length);
        offset += length;
        return levels;
    }

    private static ReadOnlySpan<int> DecodeLevels(scoped ReadOnlySpan<byte> data, int maxLevel, int count, ref int[] buffer)
    {
        if (buffer.Length < count)
        {
            buffer = new int[Math.Max(count, buffer.Length * 2)];
        }

        var levels = buffer.AsSpan(0, count);
        RleBitPackedHybrid.Decode(data, RleBitPackedHybrid.BitWidth(maxLevel), levels);
        foreach (var level in levels)
        {
            if ((uint)level > (uint)maxLevel)
            {
                throw new InvalidDataException($"level {level} exceeds the column's maximum {maxLevel}");
            }
        }

        return levels;
    }

    private ReadOnlySpan<byte> Decompress(ReadOnlySpan<byte> body, int uncompressedSize)
    {
        if (_codec == ParquetCompression.None)
        {
            return body.Length == uncompressedSize
                ? body
                : throw new InvalidDataException($"uncompressed page holds {body.Length} bytes, its header says {uncompressedSize}");
        }

        if (_pageBuffer is null || _pageBuffer.Length < uncompressedSize)
        {
            if (_pageBuffer is not null)
            {
                ArrayPool<byte>.Shared.Return(_pageBuffer);
            }

            _pageBuffer = ArrayPool<byte>.Shared.Rent(Math.Max(uncompressedSize, 1));
        }

        var target = _pageBuffer.AsSpan(0, uncompressedSize);
        PageCompression.Decompress(_codec, body, target);
        return target;
    }

    private void ApplyPage(int count, ReadOnlySpan<int> defs, ReadOnlySpan<int> reps, ReadOnlySpan<byte> data, ParquetEncoding encoding)
    {
        if (_column.IsList)
        {
            ApplyListPage(count, defs, reps, data, encoding);
        }
        else
        {
            ApplyFlatPage(count, defs, data, encoding);
        }

        _entries += count;
    }

    private void ApplyFlatPage(int count, ReadOnlySpan<int> defs, ReadOnlySpan<byte> data, ParquetEncoding encoding)
    {
        var start = _rows;
        if (_slotValid is null)
        {
            _values.DecodeDense(data, encoding, start, count);
        }
        else
        {
            var valid = _slotValid.AsSpan(start, count);
            var maxDef = _column.MaxDef;
            var dense = 0;
            for (var i = 0; i < count; i++)
            {
                var present = defs[i] == maxDef;
                valid[i] = present;
                dense += present ? 1 : 0;
            }

            _values.DecodeDense(data, encoding, start, dense);
            if (dense < count)
            {
                _sawNullSlot = true;
                _values.Spread(start, dense, valid);
            }
        }

        _rows += count;
        _slots = _rows;
    }

    private void ApplyListPage(int count, ReadOnlySpan<int> defs, ReadOnlySpan<int> reps, ReadOnlySpan<byte> data, ParquetEncoding encoding)
    {
        var slotStart = _slots;
        var maxDef = _column.MaxDef;
        var listDef = _column.ListDefLevel;
        var elementDef = _column.ElementDefLevel;
        var offsets = _listOffsets!;
        var dense = 0;
        for (var i = 0; i < count; i++)
        {
            var def = defs[i];
            if (reps[i] == 0)
            {
                if (_rows >= _rowCount)
                {
                    throw new InvalidDataException($"column chunk holds more than the row group's {_rowCount} rows");
                }

                offsets[_rows] = _slots;
                if (_listValid is not null)
                {
                    var present = def >= listDef;
                    _listValid[_rows] = present;
                    _sawNullList |= !present;
                }

                _rows++;
            }
            else if (_rows == 0)
            {
                throw new InvalidDataException("column chunk starts inside a list (first repetition level is not 0)");
            }

            if (def >= elementDef)
            {
                if (_slots >= _slotCapacity)
                {
                    throw new InvalidDataException($"column chunk holds more list elements than its {_slotCapacity} values");
                }

                var present = def == maxDef;
                if (_slotValid is not null)
                {
                    _slotValid[_slots] = present;
                }

                dense += present ? 1 : 0;
                _slots++;
            }
        }

        _values.DecodeDense(data, encoding, slotStart, dense);
        var slotsInPage = _slots - slotStart;
        if (dense < slotsInPage)
        {
            _sawNullSlot = true;
            _values.Spread(slotStart, dense, _slotValid.AsSpan(slotStart, slotsInPage));
        }
    }

    private Column Build()
    {
        if (_rows != _rowCount)
        {
            throw new InvalidDataException($"column chunk holds {_rows} rows, the row group has {_rowCount}");
        }

        var slotValidity = _sawNullSlot ? _slotValid : null;
        var valueType = _column.ValueType;
        var leaf = valueType.Kind == ParquetTypeKind.Decimal
            ? DecimalConverter.ToColumn(_values, valueType, _slots, slotValidity)
            : _values.Build(_slots, slotValidity);
        if (!_column.IsList)
        {
            return leaf;
        }

        _listOffsets![_rows] = _slots;
        return new ListColumn(_listOffsets, leaf, _rows, _sawNullList ? _listValid : null);
    }
}
