using System.Buffers.Binary;

namespace FeatureStore.Parquet.Tests.Fuzz;

/// <summary>One random corruption of a file's bytes; <see cref="Description"/> says exactly what was changed.</summary>
internal sealed record Mutation(string Description, byte[] Bytes)
{
    public static Mutation Random(byte[] original, Random random)
    {
        var footerLength = original.Length >= 8 ? BinaryPrimitives.ReadInt32LittleEndian(original.AsSpan(original.Length - 8)) : 0;
        var footerStart = Math.Clamp(original.Length - 8 - footerLength, 0, original.Length - 1);

        // Half of the positional edits land in the footer (Thrift metadata), where most parsing decisions are made.
        int Position() => random.Next(2) == 0 ? random.Next(footerStart, original.Length) : random.Next(original.Length);

        var bytes = (byte[])original.Clone();
        switch (random.Next(7))
        {
            case 0:
            {
                var flips = random.Next(1, 9);
                var positions = new List<int>();
                for (var i = 0; i < flips; i++)
                {
                    var p = Position();
                    bytes[p] ^= (byte)(1 << random.Next(8));
                    positions.Add(p);
                }

                return new($"bit flips at {string.Join(",", positions)}", bytes);
            }

            case 1:
            {
                var p = Position();
                var length = Math.Min(random.Next(1, 17), bytes.Length - p);
                random.NextBytes(bytes.AsSpan(p, length));
                return new($"{length} random bytes at {p}", bytes);
            }

            case 2:
            {
                var length = random.Next(original.Length);
                return new($"truncated to {length} bytes", original[..length]);
            }

            case 3:
            {
                var p = Position();
                var garbage = new byte[random.Next(1, 65)];
                random.NextBytes(garbage);
                return new($"{garbage.Length} garbage bytes inserted at {p}", [.. original.AsSpan(0, p), .. garbage, .. original.AsSpan(p)]);
            }

            case 4:
            {
                int[] candidates = [0, -1, footerLength + 1, footerLength - 1, footerLength * 2, original.Length, int.MaxValue, int.MinValue, random.Next()];
                var value = candidates[random.Next(candidates.Length)];
                BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(bytes.Length - 8), value);
                return new($"footer length set to {value}", bytes);
            }

            case 5:
            {
                var p = Position();
                var length = Math.Min(random.Next(1, 33), bytes.Length - p);
                var fill = random.Next(2) == 0 ? (byte)0 : (byte)0xFF;
                bytes.AsSpan(p, length).Fill(fill);
                return new($"{length} bytes at {p} set to 0x{fill:X2}", bytes);
            }

            default:
            {
                var p = random.Next(footerStart, original.Length);
                var length = Math.Min(random.Next(1, 9), original.Length - p);
                return new($"{length} bytes removed at {p}", [.. original.AsSpan(0, p), .. original.AsSpan(p + length)]);
            }
        }
    }
}
