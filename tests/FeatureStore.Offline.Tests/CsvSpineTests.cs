using FeatureStore.Parquet;

namespace FeatureStore.Offline.Tests;

/// <summary>CSV spines: ISO timestamps with and without offsets (naive = UTC), epoch numbers of any unit, typed keys, inferred columns.</summary>
public sealed class CsvSpineTests
{
    [Fact]
    public void Csv_timestamps_in_every_accepted_form_give_the_same_instant()
    {
        using var dir = new TempDir();
        WorkedExample.WriteHistory(dir.Path);
        var t = WorkedExample.At(10);
        var seconds = t / 1_000_000;
        File.WriteAllText(dir.File("spine.csv"), string.Join('\n',
            "driver_id,event_timestamp,label,note",
            "1001,2024-03-01T10:00:00Z,1,\"a, quoted\"",
            "1001,2024-03-01 10:00:00,2,",
            "1001,2024-03-01T12:00:00+02:00,3,x",
            $"1001,{seconds},4,y",
            $"1001,{seconds * 1000},5,z",
            $"1001,{t},6,w") + "\n");
        var request = Engine.Request(dir.Path, dir.File("spine.csv"), "driver_hourly_stats:conv_rate");
        var output = ParquetFiles.ReadAll(Engine.WriteAndRead(WorkedExample.Definitions(), request, dir.File("out.parquet")));

        Assert.All(((Int64Column)output["event_timestamp"]).Span.ToArray(), v => Assert.Equal(t, v));
        Assert.All(((DoubleColumn)output["conv_rate"]).Span.ToArray(), v => Assert.Equal(0.65, v));
        Assert.Equal(ParquetTypeKind.Int64, output.Schema["driver_id"].Type.Kind);
        Assert.Equal(ParquetTypeKind.Int64, output.Schema["label"].Type.Kind);
        Assert.Equal("a, quoted", ((BinaryColumn)output["note"]).GetString(0));
        Assert.True(output["note"].IsNull(1));
    }
}
