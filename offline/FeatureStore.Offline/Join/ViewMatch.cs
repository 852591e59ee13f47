namespace FeatureStore.Offline;

/// <summary>
/// The outcome of joining one view: per spine row the winning feature row (<see cref="FeatureRow.Ref"/>, -1 for none)
/// and the view-level status (Present, Missing or OutsideTtl; NullValue is decided per feature when values are gathered).
/// </summary>
internal sealed class ViewMatch(int spineRows)
{
    public long[] Winners { get; } = CreateWinners(spineRows);

    public FeatureStatus[] Statuses { get; } = CreateStatuses(spineRows);

    public int Partitions { get; set; } = 1;

    public long SpilledBytes { get; set; }

    public long CandidateRows { get; set; }

    private static long[] CreateWinners(int count)
    {
        var winners = new long[count];
        Array.Fill(winners, -1L);
        return winners;
    }

    private static FeatureStatus[] CreateStatuses(int count)
    {
        var statuses = new FeatureStatus[count];
        Array.Fill(statuses, FeatureStatus.Missing);
        return statuses;
    }
}
