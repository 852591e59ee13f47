using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FeatureStore.Parquet.Compression;

/// <summary>
/// Snappy raw-format decompression straight into the caller's buffer (IronSnappy only decodes into a new array and
/// trusts the declared length). Every length and offset is bounds-checked; malformed input throws InvalidDataException.
/// </summary>
internal static class SnappyDecoder
{
    public static void Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        var position = 0;
        var declared = ReadPreamble(source, ref position);
        if (declared != (ulong)destination.Length)
        {
            throw new InvalidDataException($"snappy block declares {declared} bytes, page header says {destination.Length}");
        }

        var written = 0;
        while (position < source.Length)
        {
            var tag = source[position++];
            int length;
            int offset;
            switch (tag & 3)
            {
                case 0:
                    length = (tag >> 2) + 1;
                    if (length > 60)
                    {
                        var extra = length - 60;
                        if (source.Length - position < extra)
                        {
                            throw Truncated();
                        }

                        var value = 0;
                        for (var i = 0; i < extra; i++)
                        {
                            value |= source[position + i] << (8 * i);
                        }

                        position += extra;
                        length = value + 1;
                        if (length <= 0)
                        {
                            throw new InvalidDataException("snappy literal length overflows");
                        }
                    }

                    if (length > source.Length - position || length > destination.Length - written)
                    {
                        throw new InvalidDataException("snappy literal runs past the input or the output");
                    }

                    if (length <= 16 && source.Length - position >= 16 && destination.Length - written >= 16)
                    {
                        // Short literal with slack on both sides: two 8-byte moves beat a general copy.
                        ref var from = ref Unsafe.Add(ref MemoryMarshal.GetReference(source), position);
                        ref var to = ref Unsafe.Add(ref MemoryMarshal.GetReference(destination), written);
                        Unsafe.WriteUnaligned(ref to, Unsafe.ReadUnaligned<ulong>(ref from));
                        Unsafe.WriteUnaligned(ref Unsafe.Add(ref to, 8), Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref from, 8)));
                    }
                    else
                    {
                        source.Slice(position, length).CopyTo(destination[written..]);
                    }

                    position += length;
                    written += length;
                    continue;
                case 1:
                    if (position >= source.Length)
                    {
                        throw Truncated();
                    }

                    length = 4 + ((tag >> 2) & 7);
                    offset = ((tag >> 5) << 8) | source[position++];
                    break;
                case 2:
                    if (source.Length - position < 2)
                    {
                        throw Truncated();
                    }

                    length = 1 + (tag >> 2);
                    offset = BinaryPrimitives.ReadUInt16LittleEndian(source[position..]);
                    position += 2;
                    break;
                default:
                    if (source.Length - position < 4)
                    {
                        throw Truncated();
                    }

                    length = 1 + (tag >> 2);
                    var wide = BinaryPrimitives.ReadUInt32LittleEndian(source[position..]);
                    offset = wide > int.MaxValue ? 0 : (int)wide;
                    position += 4;
                    break;
            }

            if (offset <= 0 || offset > written || length > destination.Length - written)
            {
                throw new InvalidDataException($"snappy copy (offset {offset}, length {length}) at output byte {written} is out of range");
            }

            Copy(destination, written, offset, length);
            written += length;
        }

        if (written != destination.Length)
        {
            throw new InvalidDataException($"snappy produced {written} bytes, page header says {destination.Length}");
        }
    }

    private static void Copy(Span<byte> output, int at, int offset, int length)
    {
        var from = at - offset;
        if (offset >= 8 && output.Length - at >= length + 8)
        {
            // Forward 8-byte moves: with offset >= 8 each move reads only bytes already written.
            ref var origin = ref MemoryMarshal.GetReference(output);
            for (var i = 0; i < length; i += 8)
            {
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref origin, at + i), Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref origin, from + i)));
            }

            return;
        }

        if (offset >= length)
        {
            output.Slice(from, length).CopyTo(output[at..]);
            return;
        }

        // Overlapping copy repeats the last `offset` bytes.
        for (var i = 0; i < length; i++)
        {
            output[at + i] = output[from + i];
        }
    }

    private static ulong ReadPreamble(ReadOnlySpan<byte> source, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            if (position >= source.Length)
            {
                throw Truncated();
            }

            var b = source[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new InvalidDataException("snappy length preamble is too long");
    }

    private static InvalidDataException Truncated() => new("snappy data ends unexpectedly");
}
