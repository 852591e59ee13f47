using System.Buffers;
using FeatureStore.Parquet.Format;
using FeatureStore.Parquet.Thrift;

namespace FeatureStore.Parquet.Tests;

public sealed class ThriftCompactTests
{
    [Fact]
    public void Page_header_round_trips_through_the_compact_protocol()
    {
        var header = new PageHeader
        {
            Type = PageType.DataPageV2,
            UncompressedPageSize = 123_456,
            CompressedPageSize = 7,
            DataPageHeaderV2 = new DataPageHeaderV2 { NumValues = 1000, NumNulls = 3, NumRows = 999, Encoding = 8, DefinitionLevelsByteLength = 20, RepetitionLevelsByteLength = 0, IsCompressed = false },
        };
        var buffer = new ArrayBufferWriter<byte>();
        header.Write(new CompactWriter(buffer));

        var reader = new CompactReader(buffer.WrittenSpan, 8);
        var read = PageHeader.Read(ref reader);

        Assert.Equal(buffer.WrittenCount, reader.Position);
        Assert.Equal(PageType.DataPageV2, read.Type);
        Assert.Equal(123_456, read.UncompressedPageSize);
        Assert.Equal(999, read.DataPageHeaderV2!.NumRows);
        Assert.False(read.DataPageHeaderV2.IsCompressed);
    }

    [Fact]
    public void Unknown_fields_of_every_type_are_skipped()
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new CompactWriter(buffer);
        writer.BeginStruct();
        writer.StringField(1, "key");
        writer.I64Field(5, long.MinValue);
        writer.BoolField(6, true);
        writer.ListField(7, CompactType.Binary, 20);
        for (var i = 0; i < 20; i++)
        {
            writer.String("x" + i);
        }

        writer.StructField(9);
        writer.I32Field(1, 5);
        writer.EndStruct();
        writer.FieldHeader(300, CompactType.Double);
        buffer.Write(new byte[8]);
        writer.StringField(301, "tail");
        writer.EndStruct();
        var kvWithExtraBytes = buffer.WrittenSpan.ToArray();

        var reader = new CompactReader(kvWithExtraBytes, 8);
        var kv = KeyValue.Read(ref reader);

        Assert.Equal("key", kv.Key);
        Assert.Null(kv.Value);
        Assert.Equal(kvWithExtraBytes.Length, reader.Position);
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_rejected_without_stack_overflow()
    {
        var depth = 100_000;
        var bytes = new byte[depth * 2];
        for (var i = 0; i < depth; i++)
        {
            bytes[i] = 0x1C; // field delta 1, type struct
        }

        var error = Assert.Throws<InvalidDataException>(() =>
        {
            var reader = new CompactReader(bytes, 64);
            KeyValue.Read(ref reader);
        });

        Assert.Contains("nesting", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void List_sizes_larger_than_the_remaining_bytes_are_rejected()
    {
        // FileMetaData field 2 (schema): list header 0xFC = size in varint, element type struct; size 2^31.
        byte[] bytes = [0x29, 0xFC, 0x80, 0x80, 0x80, 0x80, 0x08, 0x00];

        var error = Assert.Throws<InvalidDataException>(() =>
        {
            var reader = new CompactReader(bytes, 64);
            FileMetaData.Read(ref reader);
        });

        Assert.Contains("exceeds", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_input_is_an_InvalidDataException()
    {
        var buffer = new ArrayBufferWriter<byte>();
        new KeyValue { Key = "a-long-key", Value = "v" }.Write(new CompactWriter(buffer));

        Assert.Throws<InvalidDataException>(() =>
        {
            var reader = new CompactReader(buffer.WrittenSpan[..5], 8);
            KeyValue.Read(ref reader);
        });
    }
}
