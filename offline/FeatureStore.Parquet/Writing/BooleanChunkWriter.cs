using System.Buffers;
using FeatureStore.Parquet.Encodings;

namespace FeatureStore.Parquet.Writing;

/// <summary>BOOLEAN columns: always PLAIN (bit-packed); a dictionary never pays off for two values.</summary>
internal sealed class BooleanChunkWriter : ColumnChunkWriter
{
    private readonly GrowableArray<bool> _pageValues = new();
    private readonly MinMax<bool> _minMax = new(unsigned: false);

    public BooleanChunkWriter(ColumnDescriptor column, ParquetWriteOptions options)
        : base(column, options)
    {
    }

    protected override long PageValueBytes => _pageValues.Count / 8;

    protected override bool DictionaryFull => false;

    protected override bool WriteLegacyMinMax => true;

    protected override void StopDictionary()
    {
    }

    protected override void ReleaseBuffers() => _pageValues.Release();

    protected override void AppendValues(Column column, int start, int count)
    {
        if (column is not BooleanColumn booleans)
        {
            throw new ArgumentException($"a {column.GetType().Name} cannot be written to a Boolean column");
        }

        var values = booleans.Values.AsSpan(start, count);
        var validity = column.Validity;
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

    protected override ParquetEncoding EncodePageValues(IBufferWriter<byte> output)
    {
        _minMax.Update(_pageValues.Span);
        PlainBoolean.Encode(_pageValues.Span, output);
        _pageValues.Clear();
        return ParquetEncoding.Plain;
    }

    protected override (ReadOnlyMemory<byte> Data, int Count)? EncodeDictionary() => null;

    protected override (byte[]? Min, byte[]? Max) MinMax() => _minMax.ToBytes();
}
