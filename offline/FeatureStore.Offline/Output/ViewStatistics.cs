namespace FeatureStore.Offline;

/// <summary>What the join did for one view: row groups read of all, candidate rows kept, partitions and bytes spilled.</summary>
public sealed record ViewStatistics(string View, int RowGroupsRead, int RowGroupsTotal, long CandidateRows, int Partitions, long SpilledBytes);
