namespace FeatureStore.Materialization.Source;

/// <summary>Growth of a byte buffer that keys are appended to: doubled, or to what is needed when that is more.</summary>
internal static class GrowingBytes
{
    /// <summary>Makes <paramref name="buffer"/> at least <paramref name="needed"/> bytes long, keeping its content.</summary>
    public static void EnsureRoom(ref byte[] buffer, int needed)
    {
        if (needed > buffer.Length)
            Array.Resize(ref buffer, (int)Math.Min(Math.Max(buffer.Length * 2L, needed), Array.MaxLength));
    }
}
