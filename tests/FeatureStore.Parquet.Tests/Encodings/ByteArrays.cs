using System.Text;

namespace FeatureStore.Parquet.Tests.Encodings;

/// <summary>Builds and reads the (offsets, bytes) shape the byte-array codecs use.</summary>
internal static class ByteArrays
{
    public static (int[] Offsets, byte[] Bytes) From(params string[] values)
    {
        var offsets = new int[values.Length + 1];
        var bytes = new List<byte>();
        for (int i = 0; i < values.Length; i++)
        {
            bytes.AddRange(Encoding.UTF8.GetBytes(values[i]));
            offsets[i + 1] = bytes.Count;
        }

        return (offsets, bytes.ToArray());
    }

    public static (int[] Offsets, byte[] Bytes) Random(Random random, int count, int maxLength)
    {
        var offsets = new int[count + 1];
        for (int i = 0; i < count; i++)
        {
            offsets[i + 1] = offsets[i] + random.Next(0, maxLength + 1);
        }

        var bytes = new byte[offsets[count]];
        random.NextBytes(bytes);
        return (offsets, bytes);
    }

    public static string[] ToStrings(int[] offsets, byte[] bytes) =>
        Enumerable.Range(0, offsets.Length - 1).Select(i => Encoding.UTF8.GetString(bytes, offsets[i], offsets[i + 1] - offsets[i])).ToArray();
}
