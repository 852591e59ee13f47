namespace FeatureStore.Offline;

/// <summary>
/// What the join did for one view: row groups read (of which only for their keys, being older than every TTL window) out of
/// the row groups of the files opened, candidate rows kept, partitions and bytes spilled.
/// </summary>
public sealed record ViewStatistics(string View, int RowGroupsRead, int RowGroupsKeysOnly, int RowGroupsTotal, long CandidateRows, int Partitions, long SpilledBytes);
