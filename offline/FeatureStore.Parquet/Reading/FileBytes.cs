using Microsoft.Win32.SafeHandles;

namespace FeatureStore.Parquet.Reading;

/// <summary>Positional reads on a file handle (thread-safe: no shared file position).</summary>
internal static class FileBytes
{
    public static void ReadExactly(SafeFileHandle handle, Span<byte> buffer, long offset)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = RandomAccess.Read(handle, buffer[filled..], offset + filled);
            if (read == 0)
            {
                throw new InvalidDataException($"file ends at {offset + filled}, {buffer.Length - filled} bytes short of the range read");
            }

            filled += read;
        }
    }
}
