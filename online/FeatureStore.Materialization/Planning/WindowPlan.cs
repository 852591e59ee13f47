using FeatureStore.Materialization.Source;

namespace FeatureStore.Materialization.Planning;

/// <summary>
/// A view's whole window, planned: the winners (latest good row per entity) split into entity partitions, written one
/// partition at a time (<see cref="Load"/> brings a partition's rows into memory, from memory or from the spill folder),
/// the rows the quality gate rejected (with reasons) and, under policy fail, the first failing gate bucket (nothing with
/// event time from <see cref="FailCutTicks"/> on is planned). Disposing deletes the spill folder, if any.
/// </summary>
internal sealed class WindowPlan(
    long rowsRead,
    string sourceFingerprint,
    int spillBuckets,
    IReadOnlyList<int> partitionSizes,
    Func<int, CancellationToken, PartitionRows> load,
    IReadOnlyList<(SourceRow Row, string Reason)> bad,
    long? failCutTicks,
    IReadOnlyList<(SourceRow Row, string Reason)> failBucketBad,
    IDisposable? spill) : IDisposable
{
    public long RowsRead => rowsRead;

    /// <summary>The source files read (path, length, last write): part of a run's work key.</summary>
    public string SourceFingerprint => sourceFingerprint;

    /// <summary>Entity buckets the window was spilled into (1 when planned in memory); partitions are cut within buckets, so it is part of the work key.</summary>
    public int SpillBuckets => spillBuckets;

    /// <summary>Winners per partition, in partition order.</summary>
    public IReadOnlyList<int> PartitionSizes => partitionSizes;

    public int PartitionCount => partitionSizes.Count;

    public long Winners => partitionSizes.Sum(p => (long)p);

    public IReadOnlyList<(SourceRow Row, string Reason)> Bad => bad;

    public long? FailCutTicks => failCutTicks;

    public IReadOnlyList<(SourceRow Row, string Reason)> FailBucketBad => failBucketBad;

    /// <summary>The winners of partition <paramref name="partition"/> (the same rows, in the same order, on every call and every run of the same request).</summary>
    public PartitionRows Load(int partition, CancellationToken ct) => load(partition, ct);

    public void Dispose() => spill?.Dispose();
}
