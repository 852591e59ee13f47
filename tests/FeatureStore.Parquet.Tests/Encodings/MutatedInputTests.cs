using FeatureStore.Parquet.Encodings;

namespace FeatureStore.Parquet.Tests.Encodings;

/// <summary>Valid encodings with a few bytes overwritten: decoders either decode or throw InvalidDataException.</summary>
public class MutatedInputTests
{
    private const int Trials = 3000;

    [Fact]
    public void Rle_decoder_survives_mutated_encodings()
    {
        var random = new Random(21);
        int[] values = [.. EncodingTestData.RandomValues(random, 500, 5), .. Enumerable.Repeat(3, 40)];
        byte[] valid = EncodingTestData.Encode(w => RleBitPackedHybrid.Encode(values, 5, w));
        int rejected = CountRejected(random, valid, data =>
            Assert.InRange(RleBitPackedHybrid.Decode(data, 5, new int[values.Length]), 0, data.Length));
        Assert.True(rejected > 0, "no mutation was rejected");
    }

    [Fact]
    public void Delta_binary_packed_decoders_survive_mutated_encodings()
    {
        var random = new Random(22);
        long[] values = Enumerable.Range(0, 700).Select(i => (long)i * i - random.Next(100)).ToArray();
        byte[] valid = EncodingTestData.Encode(w => DeltaBinaryPacked.EncodeInt64(values, w));
        int rejected = CountRejected(random, valid, data =>
        {
            DeltaBinaryPacked.DecodeInt64(data, new long[values.Length], out int consumed);
            Assert.InRange(consumed, 0, data.Length);
        });
        rejected += CountRejected(random, valid, data =>
        {
            DeltaBinaryPacked.DecodeInt32(data, new int[values.Length], out int consumed);
            Assert.InRange(consumed, 0, data.Length);
        });
        Assert.True(rejected > Trials / 10, $"only {rejected} mutations were rejected");
    }

    [Fact]
    public void Delta_length_byte_array_decoder_survives_mutated_encodings()
    {
        var random = new Random(23);
        (int[] offsets, byte[] bytes) = ByteArrays.Random(random, 300, maxLength: 12);
        byte[] valid = EncodingTestData.Encode(w => DeltaLengthByteArray.Encode(offsets, bytes, w));
        int rejected = CountRejected(random, valid, data =>
        {
            DeltaLengthByteArray.Decode(data, 300, out int[] decodedOffsets, out byte[] decodedBytes, out int consumed);
            Assert.Equal(decodedBytes.Length, decodedOffsets[^1]);
            Assert.InRange(consumed, 0, data.Length);
        });
        Assert.True(rejected > Trials / 10, $"only {rejected} mutations were rejected");
    }

    [Fact]
    public void Delta_byte_array_decoder_survives_mutated_encodings()
    {
        var random = new Random(24);
        string[] words = Enumerable.Range(0, 300).Select(i => "key-" + (i / 7).ToString(System.Globalization.CultureInfo.InvariantCulture) + new string('z', i % 5)).ToArray();
        (int[] offsets, byte[] bytes) = ByteArrays.From(words);
        byte[] valid = EncodingTestData.Encode(w => DeltaByteArray.Encode(offsets, bytes, w));
        int rejected = CountRejected(random, valid, data =>
        {
            DeltaByteArray.Decode(data, 300, out int[] decodedOffsets, out byte[] decodedBytes, out int consumed);
            Assert.Equal(decodedBytes.Length, decodedOffsets[^1]);
            Assert.InRange(consumed, 0, data.Length);
        });
        Assert.True(rejected > Trials / 10, $"only {rejected} mutations were rejected");
    }

    // Overwrites 1..4 random bytes and sometimes truncates; returns how many variants were rejected.
    private static int CountRejected(Random random, byte[] valid, Action<byte[]> decode)
    {
        int rejected = 0;
        for (int trial = 0; trial < Trials; trial++)
        {
            byte[] data = (byte[])valid.Clone();
            int mutations = random.Next(1, 5);
            for (int m = 0; m < mutations; m++)
            {
                // bias towards the header and block metadata at the front, where damage is most interesting
                int at = random.Next(2) == 0 ? random.Next(Math.Min(24, data.Length)) : random.Next(data.Length);
                data[at] = (byte)random.Next(256);
            }

            if (random.Next(4) == 0)
            {
                data = data[..random.Next(data.Length)];
            }

            if (EncodingTestData.RejectsOrDecodes(() => decode(data)))
            {
                rejected++;
            }
        }

        return rejected;
    }
}
