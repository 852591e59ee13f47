namespace FeatureStore.Offline;

/// <summary>Spine rows grouped by key id (counting sort) and ordered by (timestamp, original index) inside each key.</summary>
internal sealed class SpineGroups
{
    private SpineGroups(int[] starts, SpineEntry[] entries)
    {
        Starts = starts;
        Entries = entries;
    }

    /// <summary>Key k's rows are <c>Entries[Starts[k]..Starts[k+1]]</c>.</summary>
    public int[] Starts { get; }

    public SpineEntry[] Entries { get; }

    public static SpineGroups Build(int[] keyIds, long[] timestamps, int keyCount)
    {
        var starts = new int[keyCount + 1];
        foreach (var key in keyIds)
        {
            if (key >= 0)
            {
                starts[key + 1]++;
            }
        }

        for (var k = 0; k < keyCount; k++)
        {
            starts[k + 1] += starts[k];
        }

        var next = (int[])starts.Clone();
        var entries = new SpineEntry[starts[keyCount]];
        for (var row = 0; row < keyIds.Length; row++)
        {
            if (keyIds[row] >= 0)
            {
                entries[next[keyIds[row]]++] = new SpineEntry(timestamps[row], row);
            }
        }

        // Rows were placed in index order, so sorting by timestamp with index as tie-break keeps input order.
        Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, Math.Max(keyCount, 1)), range =>
        {
            for (var k = range.Item1; k < Math.Min(range.Item2, keyCount); k++)
            {
                entries.AsSpan(starts[k], starts[k + 1] - starts[k]).Sort();
            }
        });
        return new SpineGroups(starts, entries);
    }
}

internal readonly record struct SpineEntry(long Timestamp, int Index) : IComparable<SpineEntry>
{
    public int CompareTo(SpineEntry other) => Timestamp != other.Timestamp ? Timestamp.CompareTo(other.Timestamp) : Index.CompareTo(other.Index);
}
