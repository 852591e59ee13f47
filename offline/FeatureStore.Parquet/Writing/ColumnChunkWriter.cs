using System.Buffers;
using System.Buffers.Binary;
using FeatureStore.Parquet.Compression;
using FeatureStore.Parquet.Encodings;
using FeatureStore.Parquet.Format;
using FeatureStore.Parquet.Thrift;

namespace FeatureStore.Parquet.Writing;

/// <summary>
/// Encodes the rows of one column for one row group: levels and values are buffered per page; a page is encoded and
/// compressed when it reaches the page size; the dictionary page (if any) is put first when the chunk is finished.
/// Subclasses own the typed values (dictionary or plain) and the statistics.
/// </summary>
internal abstract class ColumnChunkWriter
{
    private const int FlatBlockRows = 4096;
    private const int ListBlockRows = 512;

    private readonly GrowableArray<int> _defs = new();
    private readonly GrowableArray<int> _reps = new();
    private readonly ArrayBufferWriter<byte> _pages = new();
    private readonly ArrayBufferWriter<byte> _body = new();
    private readonly ArrayBufferWriter<byte> _levels = new();
    private readonly ArrayBufferWriter<byte> _compressed = new();
    private readonly ArrayBufferWriter<byte> _header = new();
    private readonly HashSet<ParquetEncoding> _encodings = [];
    private int _pageEntries;
    private int _pageRows;
    private int _pageNonNull;
    private long _entries;
    private long _nonNull;
    private long _uncompressedBytes;

    protected ColumnChunkWriter(ColumnDescriptor column, ParquetWriteOptions options)
    {
        Column = column;
        Options = options;
    }

    protected ColumnDescriptor Column { get; }

    protected ParquetWriteOptions Options { get; }

    /// <summary>Appends the non-null values among rows start..start+count of a flat column or list child.</summary>
    protected abstract void AppendValues(Column column, int start, int count);

    /// <summary>Approximate encoded size of the current page's values.</summary>
    protected abstract long PageValueBytes { get; }

    /// <summary>
    /// True when the dictionary outgrew its limit or its sample showed too few repeats (<see cref="DictionaryTrial"/>): the
    /// writer flushes the page and calls <see cref="StopDictionary"/>.
    /// </summary>
    protected abstract bool DictionaryFull { get; }

    protected abstract void StopDictionary();

    /// <summary>Encodes and clears the current page's values; returns the encoding used.</summary>
    protected abstract ParquetEncoding EncodePageValues(IBufferWriter<byte> output);

    /// <summary>The PLAIN-encoded dictionary and its entry count, or null when no page used the dictionary.</summary>
    protected abstract (ReadOnlyMemory<byte> Data, int Count)? EncodeDictionary();

    /// <summary>PLAIN-encoded min and max of the chunk's values (null when there are none).</summary>
    protected abstract (byte[]? Min, byte[]? Max) MinMax();

    /// <summary>Whether the deprecated signed-order min/max fields may also be written.</summary>
    protected virtual bool WriteLegacyMinMax => false;

    public void Write(Column column, int start, int count)
    {
        if (Column.IsList)
        {
            WriteList((ListColumn)column, start, count);
        }
        else
        {
            WriteFlat(column, start, count);
        }
    }

    public FinishedChunk Finish()
    {
        FlushPage();
        ReadOnlyMemory<byte> dictionaryPage = ReadOnlyMemory<byte>.Empty;
        if (EncodeDictionary() is { } dictionary)
        {
            var pageWriter = new ArrayBufferWriter<byte>();
            _compressed.Clear();
            var compressedLength = PageCompression.Compress(Options.Compression, dictionary.Data.Span, _compressed, Options.CompressionLevel);
            var header = new PageHeader
            {
                Type = PageType.DictionaryPage,
                UncompressedPageSize = dictionary.Data.Length,
                CompressedPageSize = compressedLength,
                DictionaryPageHeader = new DictionaryPageHeader { NumValues = dictionary.Count, Encoding = (int)ParquetEncoding.Plain },
            };
            header.Write(new CompactWriter(pageWriter));
            _uncompressedBytes += pageWriter.WrittenCount + dictionary.Data.Length;
            pageWriter.Write(_compressed.WrittenSpan);
            dictionaryPage = pageWriter.WrittenMemory;
            _encodings.Add(ParquetEncoding.Plain);
        }

        var (min, max) = MinMax();
        var statistics = new Format.Statistics { NullCount = _entries - _nonNull, MinValue = min, MaxValue = max };
        if (WriteLegacyMinMax)
        {
            statistics.Min = min;
            statistics.Max = max;
        }

        _encodings.Add(ParquetEncoding.Rle);
        var encodings = new List<int>(_encodings.Count);
        foreach (var encoding in _encodings)
        {
            encodings.Add((int)encoding);
        }

        encodings.Sort();
        var meta = new ColumnMetaData
        {
            Type = Column.Physical,
            Encodings = encodings,
            PathInSchema = [.. Column.Path],
            Codec = (int)Options.Compression,
            NumValues = _entries,
            TotalUncompressedSize = _uncompressedBytes,
            TotalCompressedSize = dictionaryPage.Length + _pages.WrittenCount,
            Statistics = statistics,
        };
        return new FinishedChunk { DictionaryPage = dictionaryPage, DataPages = _pages.WrittenMemory, MetaData = meta };
    }

    private void WriteFlat(Column column, int start, int count)
    {
        var validity = column.Validity;
        var end = start + count;
        for (var position = start; position < end;)
        {
            var n = Math.Min(end - position, FlatBlockRows);
            var nonNull = n;
            if (Column.MaxDef > 0)
            {
                var defs = _defs.Append(n);
                if (validity is null)
                {
                    defs.Fill(1);
                }
                else
                {
                    nonNull = 0;
                    for (var i = 0; i < n; i++)
                    {
                        var present = validity[position + i];
                        defs[i] = present ? 1 : 0;
                        nonNull += present ? 1 : 0;
                    }
                }
            }

            AppendValues(column, position, n);
            _pageEntries += n;
            _pageRows += n;
            _pageNonNull += nonNull;
            position += n;
            AfterBlock();
        }
    }

    private void WriteList(ListColumn list, int start, int count)
    {
        var offsets = list.Offsets;
        var listValidity = list.Validity;
        var childValidity = list.Values.Validity;
        var maxDef = Column.MaxDef;
        var elementDef = Column.ElementDefLevel;
        var listDef = Column.ListDefLevel;
        var end = start + count;
        for (var position = start; position < end;)
        {
            var n = Math.Min(end - position, ListBlockRows);
            for (var row = position; row < position + n; row++)
            {
                var first = offsets[row];
                var last = offsets[row + 1];
                if (listValidity is not null && !listValidity[row])
                {
                    _defs.Add(listDef - 1);
                    _reps.Add(0);
                    _pageEntries++;
                }
                else if (first == last)
                {
                    _defs.Add(listDef);
                    _reps.Add(0);
                    _pageEntries++;
                }
                else
                {
                    var count2 = last - first;
                    var reps = _reps.Append(count2);
                    reps.Fill(1);
                    reps[0] = 0;
                    var defs = _defs.Append(count2);
                    if (childValidity is null)
                    {
                        defs.Fill(maxDef);
                        _pageNonNull += count2;
                    }
                    else
                    {
                        for (var k = 0; k < count2; k++)
                        {
                            var present = childValidity[first + k];
                            defs[k] = present ? maxDef : elementDef;
                            _pageNonNull += present ? 1 : 0;
                        }
                    }

                    _pageEntries += count2;
                }
            }

            AppendValues(list.Values, offsets[position], offsets[position + n] - offsets[position]);
            _pageRows += n;
            position += n;
            AfterBlock();
        }
    }

    private void AfterBlock()
    {
        if (DictionaryFull)
        {
            FlushPage();
            StopDictionary();
            return;
        }

        if (PageValueBytes + (_pageEntries / 4) >= Options.DataPageSize)
        {
            FlushPage();
        }
    }

    private void FlushPage()
    {
        if (_pageEntries == 0)
        {
            return;
        }

        if (Options.DataPageVersion == 2)
        {
            FlushPageV2();
        }
        else
        {
            FlushPageV1();
        }

        _entries += _pageEntries;
        _nonNull += _pageNonNull;
        _pageEntries = 0;
        _pageRows = 0;
        _pageNonNull = 0;
        _defs.Clear();
        _reps.Clear();
    }

    private void FlushPageV1()
    {
        _body.Clear();
        if (Column.MaxRep > 0)
        {
            WritePrefixedLevels(_reps.Span, Column.MaxRep);
        }

        if (Column.MaxDef > 0)
        {
            WritePrefixedLevels(_defs.Span, Column.MaxDef);
        }

        var encoding = EncodePageValues(_body);
        _encodings.Add(encoding);
        _compressed.Clear();
        var compressedLength = PageCompression.Compress(Options.Compression, _body.WrittenSpan, _compressed, Options.CompressionLevel);
        var header = new PageHeader
        {
            Type = PageType.DataPage,
            UncompressedPageSize = _body.WrittenCount,
            CompressedPageSize = compressedLength,
            DataPageHeader = new DataPageHeader
            {
                NumValues = _pageEntries,
                Encoding = (int)encoding,
                DefinitionLevelEncoding = (int)ParquetEncoding.Rle,
                RepetitionLevelEncoding = (int)ParquetEncoding.Rle,
            },
        };
        AppendPage(header, _body.WrittenCount, [], _compressed.WrittenSpan);
    }

    private void FlushPageV2()
    {
        _levels.Clear();
        if (Column.MaxRep > 0)
        {
            RleBitPackedHybrid.Encode(_reps.Span, RleBitPackedHybrid.BitWidth(Column.MaxRep), _levels);
        }

        var repLength = _levels.WrittenCount;
        if (Column.MaxDef > 0)
        {
            RleBitPackedHybrid.Encode(_defs.Span, RleBitPackedHybrid.BitWidth(Column.MaxDef), _levels);
        }

        var defLength = _levels.WrittenCount - repLength;
        _body.Clear();
        var encoding = EncodePageValues(_body);
        _encodings.Add(encoding);
        _compressed.Clear();
        var compress = Options.Compression != ParquetCompression.None;
        var compressedLength = PageCompression.Compress(Options.Compression, _body.WrittenSpan, _compressed, Options.CompressionLevel);
        var header = new PageHeader
        {
            Type = PageType.DataPageV2,
            UncompressedPageSize = _levels.WrittenCount + _body.WrittenCount,
            CompressedPageSize = _levels.WrittenCount + compressedLength,
            DataPageHeaderV2 = new DataPageHeaderV2
            {
                NumValues = _pageEntries,
                NumNulls = _pageEntries - _pageNonNull,
                NumRows = _pageRows,
                Encoding = (int)encoding,
                DefinitionLevelsByteLength = defLength,
                RepetitionLevelsByteLength = repLength,
                IsCompressed = compress,
            },
        };
        AppendPage(header, _levels.WrittenCount + _body.WrittenCount, _levels.WrittenSpan, _compressed.WrittenSpan);
    }

    private void AppendPage(PageHeader header, int uncompressedBodyLength, ReadOnlySpan<byte> levels, ReadOnlySpan<byte> compressedValues)
    {
        _header.Clear();
        header.Write(new CompactWriter(_header));
        _pages.Write(_header.WrittenSpan);
        _pages.Write(levels);
        _pages.Write(compressedValues);
        _uncompressedBytes += _header.WrittenCount + uncompressedBodyLength;
    }

    private void WritePrefixedLevels(ReadOnlySpan<int> levels, int maxLevel)
    {
        _levels.Clear();
        RleBitPackedHybrid.Encode(levels, RleBitPackedHybrid.BitWidth(maxLevel), _levels);
        var prefix = _body.GetSpan(4);
        BinaryPrimitives.WriteInt32LittleEndian(prefix, _levels.WrittenCount);
        _body.Advance(4);
        _body.Write(_levels.WrittenSpan);
    }
}
