namespace FeatureStore.Offline;

/// <summary>One worker's readers and scratch arrays, reused from row group to row group (row groups are ~1M rows: reuse avoids ~60 MB of garbage each).</summary>
internal sealed class MatchScratch(ResolvedView view) : IDisposable
{
    public SourceReaders Readers { get; } = new(view);

    public int[] Ids { get; private set; } = [];

    public long[] Events { get; private set; } = [];

    public bool[] EventValid { get; private set; } = [];

    public long[] Created { get; private set; } = [];

    public bool[] CreatedValid { get; private set; } = [];

    public FeatureRow[] Kept { get; private set; } = [];

    public void Ensure(int count)
    {
        if (Ids.Length < count)
        {
            Ids = new int[count];
            Events = new long[count];
            EventValid = new bool[count];
            Created = new long[count];
            CreatedValid = new bool[count];
            Kept = new FeatureRow[count];
        }
    }

    public void Dispose() => Readers.Dispose();
}
