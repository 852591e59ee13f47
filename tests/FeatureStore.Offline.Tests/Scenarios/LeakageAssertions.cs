using FeatureStore.Parquet;

namespace FeatureStore.Offline.Tests;

/// <summary>The no-leakage property: every returned row's event time (and created time, as known at t) is at or before the spine's t.</summary>
internal static class LeakageAssertions
{
    public static void NoFutureValues(RecordBatch output, IReadOnlyList<string> eventColumns, IReadOnlyList<string> createdColumns, string timestampColumn = "event_timestamp")
    {
        var t = (Int64Column)output[timestampColumn];
        var checkedCells = 0;
        foreach (var name in eventColumns.Concat(createdColumns))
        {
            var column = (Int64Column)output[name];
            for (var row = 0; row < output.RowCount; row++)
            {
                if (!column.IsNull(row))
                {
                    checkedCells++;
                    Assert.True(column.Values[row] <= t.Values[row], $"leak: row {row} column {name} = {column.Values[row]} is after t = {t.Values[row]}");
                }
            }
        }

        Assert.True(checkedCells > 0, "the leakage check saw no values");
    }
}
