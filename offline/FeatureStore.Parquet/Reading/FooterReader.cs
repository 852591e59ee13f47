using System.Buffers.Binary;
using FeatureStore.Parquet.Format;
using FeatureStore.Parquet.Thrift;
using Microsoft.Win32.SafeHandles;

namespace FeatureStore.Parquet.Reading;

/// <summary>Validates the magic bytes and reads the Thrift FileMetaData from the end of the file.</summary>
internal static class FooterReader
{
    private const int MagicLength = 4;
    private static ReadOnlySpan<byte> Magic => "PAR1"u8;
    private static ReadOnlySpan<byte> EncryptedMagic => "PARE"u8;

    public static FileMetaData Read(SafeFileHandle handle, long fileLength, ParquetReadOptions options)
    {
        if (fileLength < 12)
        {
            throw new InvalidDataException($"file is {fileLength} bytes, too short to be Parquet (truncated?)");
        }

        Span<byte> head = stackalloc byte[MagicLength];
        FileBytes.ReadExactly(handle, head, 0);
        if (!head.SequenceEqual(Magic))
        {
            throw new InvalidDataException("bad magic: the file does not start with PAR1");
        }

        Span<byte> tail = stackalloc byte[8];
        FileBytes.ReadExactly(handle, tail, fileLength - 8);
        if (tail[4..].SequenceEqual(EncryptedMagic))
        {
            throw new InvalidDataException("encrypted Parquet files (PARE footer) are not supported");
        }

        if (!tail[4..].SequenceEqual(Magic))
        {
            throw new InvalidDataException("bad magic: the file does not end with PAR1 (truncated or not Parquet)");
        }

        var footerLength = BinaryPrimitives.ReadInt32LittleEndian(tail);
        var available = fileLength - 8 - MagicLength;
        if (footerLength <= 0 || footerLength > available)
        {
            throw new InvalidDataException($"footer length {footerLength} runs past the start of the file ({available} bytes available)");
        }

        if (footerLength > options.MaxAllocationBytes)
        {
            throw new InvalidDataException($"footer length {footerLength} exceeds the {options.MaxAllocationBytes}-byte allocation limit");
        }

        var footer = new byte[footerLength];
        FileBytes.ReadExactly(handle, footer, fileLength - 8 - footerLength);
        var reader = new CompactReader(footer, options.MaxThriftDepth);
        return FileMetaData.Read(ref reader);
    }
}
