using FeatureStore.Parquet;

namespace FeatureStore.Offline;

/// <summary>
/// How the manifest records the spine: a file's fingerprint, or for an in-memory spine the path
/// <c>memory:LABEL</c> with the SHA-256 of its columns encoded as Parquet (so two identical spines hash alike).
/// </summary>
internal static class SpineFingerprint
{
    public static FileFingerprint Of(SpineTable spine, FingerprintTask? fingerprints)
    {
        if (!spine.InMemory)
        {
            return fingerprints?.Get(spine.Path) ?? FileFingerprint.Of(spine.Path);
        }

        var counter = new CountingStream();
        using var stream = new HashingWriteStream(counter);
        using (var writer = ParquetFileWriter.Create(stream, spine.Batch.Schema, new ParquetWriteOptions { Compression = ParquetCompression.None }, leaveOpen: true))
        {
            if (spine.RowCount > 0)
            {
                writer.WriteBatch(spine.Batch);
            }

            writer.Close();
        }

        return new FileFingerprint(InMemorySpine.ManifestPrefix + spine.Path, counter.Length, DateTimeOffset.UtcNow, stream.HashHex());
    }

    /// <summary>Discards what is written and counts it.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position
        {
            get => _length;
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count) => _length += count;

        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
