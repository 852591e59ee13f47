using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FeatureStore.Parquet.Encodings;

/// <summary>
/// BYTE_STREAM_SPLIT (encoding 9): byte k of every element goes to stream k; the streams are concatenated.
/// Element size is 4/8 for FLOAT/DOUBLE/INT32/INT64 and the type length for FIXED_LEN_BYTE_ARRAY.
/// </summary>
internal static class ByteStreamSplit
{
    /// <summary>Decodes count elements into output (elementSize * count bytes) and returns the bytes consumed.</summary>
    public static int Decode(ReadOnlySpan<byte> data, int elementSize, int count, Span<byte> output)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(elementSize);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        long total = (long)elementSize * count;
        if (data.Length < total)
        {
            throw new InvalidDataException($"BYTE_STREAM_SPLIT data holds {data.Length} bytes but {count} elements of {elementSize} bytes need {total}.");
        }

        if (output.Length < total)
        {
            throw new ArgumentException($"Output holds {output.Length} bytes; {total} are needed.", nameof(output));
        }

        switch (elementSize)
        {
            case 4:
                Join4(data, count, output);
                break;
            case 8:
                Join8(data, count, output);
                break;
            default:
                for (int stream = 0; stream < elementSize; stream++)
                {
                    ReadOnlySpan<byte> source = data.Slice(stream * count, count);
                    for (int i = 0; i < count; i++)
                    {
                        output[(i * elementSize) + stream] = source[i];
                    }
                }

                break;
        }

        return (int)total;
    }

    /// <summary>Encodes values (a whole number of elements of elementSize bytes).</summary>
    public static void Encode(ReadOnlySpan<byte> values, int elementSize, IBufferWriter<byte> output)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(elementSize);
        if (values.Length % elementSize != 0)
        {
            throw new ArgumentException($"{values.Length} bytes are not a whole number of {elementSize}-byte elements.", nameof(values));
        }

        int count = values.Length / elementSize;
        Span<byte> target = output.GetSpan(Math.Max(values.Length, 1))[..values.Length];
        for (int stream = 0; stream < elementSize; stream++)
        {
            Span<byte> destination = target.Slice(stream * count, count);
            for (int i = 0; i < count; i++)
            {
                destination[i] = values[(i * elementSize) + stream];
            }
        }

        output.Advance(values.Length);
    }

    // Gathers byte k of element i from stream k and stores each element with one write.
    private static void Join4(ReadOnlySpan<byte> data, int count, Span<byte> output)
    {
        ref byte source = ref MemoryMarshal.GetReference(data);
        ref byte target = ref MemoryMarshal.GetReference(output);
        for (int i = 0; i < count; i++)
        {
            ref byte at = ref Unsafe.Add(ref source, i);
            uint element = at
                | (uint)Unsafe.Add(ref at, count) << 8
                | (uint)Unsafe.Add(ref at, 2 * count) << 16
                | (uint)Unsafe.Add(ref at, 3 * count) << 24;
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref target, 4 * i), BitConverter.IsLittleEndian ? element : BinaryPrimitives.ReverseEndianness(element));
        }
    }

    private static void Join8(ReadOnlySpan<byte> data, int count, Span<byte> output)
    {
        ref byte source = ref MemoryMarshal.GetReference(data);
        ref byte target = ref MemoryMarshal.GetReference(output);
        nint stride = count;
        for (int i = 0; i < count; i++)
        {
            ref byte at = ref Unsafe.Add(ref source, i);
            ulong element = at
                | (ulong)Unsafe.Add(ref at, stride) << 8
                | (ulong)Unsafe.Add(ref at, 2 * stride) << 16
                | (ulong)Unsafe.Add(ref at, 3 * stride) << 24
                | (ulong)Unsafe.Add(ref at, 4 * stride) << 32
                | (ulong)Unsafe.Add(ref at, 5 * stride) << 40
                | (ulong)Unsafe.Add(ref at, 6 * stride) << 48
                | (ulong)Unsafe.Add(ref at, 7 * stride) << 56;
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref target, 8 * i), BitConverter.IsLittleEndian ? element : BinaryPrimitives.ReverseEndianness(element));
        }
    }
}
