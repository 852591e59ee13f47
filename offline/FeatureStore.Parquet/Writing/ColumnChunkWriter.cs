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

    private readonly ChunkBytes _pages = new();
    private PageBuffers? _scratch = PageBuffers.Rent();
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

    private PageBuffers Scratch => _scratch ?? throw new InvalidOperationException("the column chunk writer was already finished");

    private GrowableArray<int> PageDefinitions => Scratch.Definitions;

    private GrowableArray<int> PageRepetitions => Scratch.Repetitions;

    private ArrayBufferWriter<byte> PageBody => Scratch.Body;

    private ArrayBufferWriter<byte> PageLevels => Scratch.Levels;

    private ArrayBufferWriter<byte> CompressedBody => Scratch.Compressed;

    private ArrayBufferWriter<byte> PageHeaderBytes => Scratch.Header;

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

    /// <summary>Gives the subclass's value buffers back to their pools once the chunk is finished.</summary>
    protected abstract void ReleaseBuffers();

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
            CompressedBody.ResetWrittenCount();
            var compressedLength = PageCompression.Compress(Options.Compression, dictionary.Data.Span, CompressedBody, Options.CompressionLevel);
            var header = new PageHeader
            {
                Type = PageType.DictionaryPage,
                UncompressedPageSize = dictionary.Data.Length,
                CompressedPageSize = compressedLength,
                DictionaryPageHeader = new DictionaryPageHeader { NumValues = dictionary.Count, Encoding = (int)ParquetEncoding.Plain },
            };
            header.Write(new CompactWriter(pageWriter));
            _uncompressedBytes += pageWriter.WrittenCount + dictionary.Data.Length;
            pageWriter.Write(CompressedBody.WrittenSpan);
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
            TotalCompressedSize = dictionaryPage.Length + _pages.Length,
            Statistics = statistics,
        };
        Scratch.Return();
        _scratch = null;
        ReleaseBuffers();
        return new FinishedChunk { DictionaryPage = dictionaryPage, DataPages = _pages, MetaData = meta };
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
                var defs = PageDefinitions.Append(n);
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
                    PageDefinitions.Add(listDef - 1);
                    PageRepetitions.Add(0);
                    _pageEntries++;
                }
                else if (first == last)
                {
                    PageDefinitions.Add(listDef);
                    PageRepetitions.Add(0);
                    _pageEntries++;
                }
                else
                {
                    var count2 = last - first;
                    var reps = PageRepetitions.Append(count2);
                    reps.Fill(1);
                    reps[0] = 0;
                    var defs = PageDefinitions.Append(count2);
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
        PageDefinitions.Clear();
        PageRepetitions.Clear();
    }

    private void FlushPageV1()
    {
        PageBody.ResetWrittenCount();
        if (Column.MaxRep > 0)
        {
            WritePrefixedLevels(PageRepetitions.Span, Column.MaxRep);
        }

        if (Column.MaxDef > 0)
        {
            WritePrefixedLevels(PageDefinitions.Span, Column.MaxDef);
        }

        var encoding = EncodePageValues(PageBody);
        _encodings.Add(encoding);
        CompressedBody.ResetWrittenCount();
        var compressedLength = PageCompression.Compress(Options.Compression, PageBody.WrittenSpan, CompressedBody, Options.CompressionLevel);
        var header = new PageHeader
        {
            Type = PageType.DataPage,
            UncompressedPageSize = PageBody.WrittenCount,
            CompressedPageSize = compressedLength,
            DataPageHeader = new DataPageHeader
            {
                NumValues = _pageEntries,
                Encoding = (int)encoding,
                DefinitionLevelEncoding = (int)ParquetEncoding.Rle,
                RepetitionLevelEncoding = (int)ParquetEncoding.Rle,
            },
        };
        AppendPage(header, PageBody.WrittenCount, [], CompressedBody.WrittenSpan);
    }

    private void FlushPageV2()
    {
        PageLevels.ResetWrittenCount();
        if (Column.MaxRep > 0)
        {
            RleBitPackedHybrid.Encode(PageRepetitions.Span, RleBitPackedHybrid.BitWidth(Column.MaxRep), PageLevels);
        }

        var repLength = PageLevels.WrittenCount;
        if (Column.MaxDef > 0)
        {
            RleBitPackedHybrid.Encode(PageDefinitions.Span, RleBitPackedHybrid.BitWidth(Column.MaxDef), PageLevels);
        }

        var defLength = PageLevels.WrittenCount - repLength;
        PageBody.ResetWrittenCount();
        var encoding = EncodePageValues(PageBody);
        _encodings.Add(encoding);
        CompressedBody.ResetWrittenCount();
        var compress = Options.Compression != ParquetCompression.None;
        var compressedLength = PageCompression.Compress(Options.Compression, PageBody.WrittenSpan, CompressedBody, Options.CompressionLevel);
        var header = new PageHeader
        {
            Type = PageType.DataPageV2,
            UncompressedPageSize = PageLevels.WrittenCount + PageBody.WrittenCount,
            CompressedPageSize = PageLevels.WrittenCount + compressedLength,
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
        AppendPage(header, PageLevels.WrittenCount + PageBody.WrittenCount, PageLevels.WrittenSpan, CompressedBody.WrittenSpan);
    }

    private void AppendPage(PageHeader header, int uncompressedBodyLength, ReadOnlySpan<byte> levels, ReadOnlySpan<byte> compressedValues)
    {
        PageHeaderBytes.ResetWrittenCount();
        header.Write(new CompactWriter(PageHeaderBytes));
        _pages.Write(PageHeaderBytes.WrittenSpan);
        _pages.Write(levels);
        _pages.Write(compressedValues);
        _uncompressedBytes += PageHeaderBytes.WrittenCount + uncompressedBodyLength;
    }

    private void WritePrefixedLevels(ReadOnlySpan<int> levels, int maxLevel)
    {
        PageLevels.ResetWrittenCount();
        RleBitPackedHybrid.Encode(levels, RleBitPackedHybrid.BitWidth(maxLevel), PageLevels);
        var prefix = PageBody.GetSpan(4);
        BinaryPrimitives.WriteInt32LittleEndian(prefix, PageLevels.WrittenCount);
        PageBody.Advance(4);
        PageBody.Write(PageLevels.WrittenSpan);
    }
}
