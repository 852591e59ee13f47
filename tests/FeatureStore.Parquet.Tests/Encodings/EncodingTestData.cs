using System.Buffers;

namespace FeatureStore.Parquet.Tests.Encodings;

/// <summary>Shared inputs for the encoding tests: the lengths the brief asks for and seeded random data.</summary>
internal static class EncodingTestData
{
    public static readonly int[] Lengths = [0, 1, 7, 8, 9, 127, 128, 129, 1000, 100_000];

    public static TheoryData<int> LengthCases()
    {
        var data = new TheoryData<int>();
        foreach (int length in Lengths)
        {
            data.Add(length);
        }

        return data;
    }

    public static TheoryData<int> WidthCases(int maxWidth)
    {
        var data = new TheoryData<int>();
        for (int width = 0; width <= maxWidth; width++)
        {
            data.Add(width);
        }

        return data;
    }

    /// <summary>Random values in 0..2^width-1 (as raw bits for width 32), with some runs mixed in.</summary>
    public static int[] RandomValues(Random random, int length, int width)
    {
        uint mask = width == 32 ? uint.MaxValue : (1u << width) - 1;
        var values = new int[length];
        for (int i = 0; i < length; i++)
        {
            bool repeat = i > 0 && random.Next(4) == 0;
            values[i] = repeat ? values[i - 1] : (int)((uint)random.NextInt64() & mask);
        }

        return values;
    }

    public static byte[] Encode(Action<IBufferWriter<byte>> encode)
    {
        var writer = new ArrayBufferWriter<byte>();
        encode(writer);
        return writer.WrittenSpan.ToArray();
    }

    /// <summary>Runs the decoder; it may succeed or throw InvalidDataException, never anything else. Returns whether it threw.</summary>
    public static bool RejectsOrDecodes(Action decode)
    {
        try
        {
            decode();
            return false;
        }
        catch (InvalidDataException exception)
        {
            Assert.DoesNotContain('\n', exception.Message);
            return true;
        }
    }
}
