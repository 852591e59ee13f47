using FeatureStore.Offline;
using FeatureStore.Parquet;

namespace FeatureStore.Sdk.Tests.Session;

/// <summary>
/// Reads the sample's data/driver_stats.parquet directly and answers, row by row, what conv_rate a point-in-time join
/// (2-day TTL) or a materialization should give: the independent check of the session's results.
/// </summary>
internal sealed class DriverStatsOracle
{
    private static readonly long TtlMicros = (long)TimeSpan.FromDays(2).TotalMicroseconds;
    private readonly List<(long Driver, long Event, long Created, float ConvRate)> rows = [];

    public DriverStatsOracle(string repoDir)
    {
        using var reader = ParquetFileReader.Open(Path.Combine(repoDir, "data", "driver_stats.parquet"));
        var batch = reader.ReadAll();
        var drivers = (Int64Column)batch["driver_id"];
        var events = (Int64Column)batch["event_timestamp"];
        var created = (Int64Column)batch["created_timestamp"];
        var conv = (FloatColumn)batch["conv_rate"];
        for (var i = 0; i < batch.RowCount; i++)
        {
            rows.Add((drivers.Values[i], events.Values[i], created.Values[i], conv.Values[i]));
        }
    }

    public DateTimeOffset FirstEvent => Time(rows.Min(r => r.Event));

    public DateTimeOffset LastEvent => Time(rows.Max(r => r.Event));

    /// <summary>The training-set answer for (driver, t): latest event ≤ t (ties: latest created), within the TTL.</summary>
    public (FeatureStatus Status, float? ConvRate) AsOf(long driver, DateTimeOffset at)
    {
        var t = Micros(at);
        var candidates = rows.Where(r => r.Driver == driver && r.Event <= t).ToList();
        if (candidates.Count == 0)
        {
            return (FeatureStatus.Missing, null);
        }

        var winner = candidates.OrderByDescending(r => r.Event).ThenByDescending(r => r.Created).First();
        return winner.Event < t - TtlMicros ? (FeatureStatus.OutsideTtl, null) : (FeatureStatus.Present, winner.ConvRate);
    }

    /// <summary>What a materialization up to these watermarks stored for the driver: the latest event among rows created by then.</summary>
    public (DateTimeOffset Event, float ConvRate) Latest(long driver, DateTimeOffset eventWatermark, DateTimeOffset createdWatermark)
    {
        var winner = rows.Where(r => r.Driver == driver && r.Event <= Micros(eventWatermark) && r.Created <= Micros(createdWatermark))
            .OrderByDescending(r => r.Event).ThenByDescending(r => r.Created).First();
        return (Time(winner.Event), winner.ConvRate);
    }

    private static long Micros(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    private static DateTimeOffset Time(long micros) => DateTimeOffset.UnixEpoch.AddTicks(micros * 10);
}
