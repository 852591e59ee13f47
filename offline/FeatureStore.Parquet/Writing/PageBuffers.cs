using System.Buffers;
using System.Collections.Concurrent;

namespace FeatureStore.Parquet.Writing;

/// <summary>
/// The per-page scratch of a column chunk writer (levels, plain and compressed page body, page header), reused across
/// chunks: a training set encodes dozens of column chunks, and fresh page-sized buffers for each cost a page fault per
/// 4 KiB touched. A few sets are kept; an oversized one is left to the GC.
/// </summary>
internal sealed class PageBuffers
{
    private const int MaxKeptBytes = 4 << 20;
    private static readonly ConcurrentBag<PageBuffers> Pool = [];

    private PageBuffers()
    {
    }

    public ArrayBufferWriter<byte> Body { get; } = new();

    public ArrayBufferWriter<byte> Levels { get; } = new();

    public ArrayBufferWriter<byte> Compressed { get; } = new();

    public ArrayBufferWriter<byte> Header { get; } = new();

    public GrowableArray<int> Definitions { get; } = new();

    public GrowableArray<int> Repetitions { get; } = new();

    public static PageBuffers Rent() => Pool.TryTake(out var buffers) ? buffers : new PageBuffers();

    /// <summary>Gives the buffers back; the caller must not touch them afterwards.</summary>
    public void Return()
    {
        if (Pool.Count >= 4 * Environment.ProcessorCount
            || Body.Capacity + Compressed.Capacity + Levels.Capacity + Header.Capacity > MaxKeptBytes)
        {
            Definitions.Release();
            Repetitions.Release();
            return;
        }

        Body.ResetWrittenCount();
        Levels.ResetWrittenCount();
        Compressed.ResetWrittenCount();
        Header.ResetWrittenCount();
        Definitions.Clear();
        Repetitions.Clear();
        Pool.Add(this);
    }
}
