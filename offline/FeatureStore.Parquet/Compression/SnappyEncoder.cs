using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FeatureStore.Parquet.Compression;

/// <summary>
/// Snappy raw-format compression into a caller's buffer (IronSnappy allocates per call and is slow on repetitive data).
/// Classic greedy matcher: 64 KiB blocks, a hash table of 4-byte sequences, literals between matches.
/// </summary>
internal static class SnappyEncoder
{
    private const int BlockSize = 1 << 16;
    private const int HashBits = 14;
    private const int InputMarginBytes = 15;

    public static int MaxCompressedLength(int length) => 32 + length + (length / 6);

    public static int Compress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        var written = WriteVarint(destination, (uint)source.Length);
        var table = ArrayPool<ushort>.Shared.Rent(1 << HashBits);
        try
        {
            for (var blockStart = 0; blockStart < source.Length; blockStart += BlockSize)
            {
                var block = source.Slice(blockStart, Math.Min(BlockSize, source.Length - blockStart));
                Array.Clear(table, 0, 1 << HashBits);
                written += CompressBlock(block, destination[written..], table);
            }
        }
        finally
        {
            ArrayPool<ushort>.Shared.Return(table);
        }

        return written;
    }

    private static int CompressBlock(ReadOnlySpan<byte> input, Span<byte> output, ushort[] table)
    {
        var op = 0;
        var literalStart = 0;
        if (input.Length >= InputMarginBytes)
        {
            var limit = input.Length - InputMarginBytes;
            ref var start = ref MemoryMarshal.GetReference(input);
            var ip = 1;
            while (ip <= limit)
            {
                // Skip faster through incompressible data: every 32 misses widen the step by one.
                var skip = 32;
                int candidate;
                uint current;
                while (true)
                {
                    current = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref start, ip));
                    var hash = (int)((current * 0x1E35A7BDu) >> (32 - HashBits));
                    candidate = table[hash];
                    table[hash] = (ushort)ip;
                    if (candidate < ip && Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref start, candidate)) == current)
                    {
                        break;
                    }

                    ip += skip++ >> 5;
                    if (ip > limit)
                    {
                        goto Done;
                    }
                }

                op += EmitLiteral(input[literalStart..ip], output[op..]);
                var matched = 4;
                while (ip + matched < input.Length && input[candidate + matched] == input[ip + matched])
                {
                    matched++;
                }

                op += EmitCopy(output[op..], ip - candidate, matched);
                ip += matched;
                literalStart = ip;
                if (ip - 1 <= limit)
                {
                    var previous = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref start, ip - 1));
                    table[(int)((previous * 0x1E35A7BDu) >> (32 - HashBits))] = (ushort)(ip - 1);
                }
            }
        }

    Done:
        if (literalStart < input.Length)
        {
            op += EmitLiteral(input[literalStart..], output[op..]);
        }

        return op;
    }

    private static int EmitLiteral(ReadOnlySpan<byte> literal, Span<byte> output)
    {
        if (literal.IsEmpty)
        {
            return 0;
        }

        var n = literal.Length - 1;
        int header;
        if (n < 60)
        {
            output[0] = (byte)(n << 2);
            header = 1;
        }
        else
        {
            var bytes = n < 1 << 8 ? 1 : n < 1 << 16 ? 2 : n < 1 << 24 ? 3 : 4;
            output[0] = (byte)((59 + bytes) << 2);
            for (var i = 0; i < bytes; i++)
            {
                output[1 + i] = (byte)(n >> (8 * i));
            }

            header = 1 + bytes;
        }

        literal.CopyTo(output[header..]);
        return header + literal.Length;
    }

    private static int EmitCopy(Span<byte> output, int offset, int length)
    {
        var op = 0;
        while (length >= 68)
        {
            op += EmitCopyUpTo64(output[op..], offset, 64);
            length -= 64;
        }

        if (length > 64)
        {
            op += EmitCopyUpTo64(output[op..], offset, 60);
            length -= 60;
        }

        return op + EmitCopyUpTo64(output[op..], offset, length);
    }

    private static int EmitCopyUpTo64(Span<byte> output, int offset, int length)
    {
        if (length < 12 && offset < 2048)
        {
            output[0] = (byte)(1 | ((length - 4) << 2) | ((offset >> 8) << 5));
            output[1] = (byte)offset;
            return 2;
        }

        output[0] = (byte)(2 | ((length - 1) << 2));
        BinaryPrimitives.WriteUInt16LittleEndian(output[1..], (ushort)offset);
        return 3;
    }

    private static int WriteVarint(Span<byte> output, uint value)
    {
        var i = 0;
        while (value >= 0x80)
        {
            output[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        output[i++] = (byte)value;
        return i;
    }
}
