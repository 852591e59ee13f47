using FeatureStore.Materialization.Planning;
using FeatureStore.Materialization.Source;
using FeatureStore.Online;

namespace FeatureStore.Materialization.Tests;

/// <summary>
/// <see cref="LatestPerEntity"/> against a LINQ reference: the newest row per entity, first read on a full tie, in compact
/// slots throughout or widened before any row, early (growing wide afterwards) or late.
/// </summary>
public sealed class LatestPerEntityTableTests
{
    private static readonly long[] Eras = [.. new[] { 1960, 2025, 2200 }.Select(y => new DateTime(y, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks)];

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(1_000)]
    [InlineData(90_000)]
    public void Winners_match_a_reference_over_many_entities_and_growths(int widenAt)
    {
        var random = new Random(5);
        var rows = new ScannedRows();
        var batch = new ScanBatch();
        var offered = new List<(string Key, long Event, long Created, int Ordinal)>();
        for (var i = 0; i < 120_000; i++)
        {
            // String keys, and integer keys of 2 to 8 canonical bytes (across the 7 bytes the table's code holds whole).
            FeatureValue key = (i % 3) switch
            {
                0 => FeatureValue.FromString($"user-{random.Next(20_000)}"),
                1 => FeatureValue.FromInt64(random.Next(30_000)),
                _ => FeatureValue.FromInt64(random.Next(30_000) * 0x1_0000_0001L),
            };
            // Few distinct times in half seconds, a tick added at random, in eras the table's event second holds
            // (2025) or clamps (1960, 2200): rows differ by whole seconds, share one, or tie.
            var eventTicks = Eras[random.Next(Eras.Length)] + (random.Next(5) * (TimeSpan.TicksPerSecond / 2)) + random.Next(2);
            var createdTicks = random.Next(3) == 0 ? SourceRow.NoCreated : random.Next(3);
            batch.Add(i, eventTicks, createdTicks, EntityKey.Of(key).Encoded.Span, null);
            if (batch.Count == ScanBatch.Capacity)
            {
                rows.Add(batch);
                batch.Clear();
            }

            offered.Add((key.ToString()!, eventTicks, createdTicks, i));
        }

        rows.Add(batch);
        var latest = new LatestPerEntity(rows, 16);
        for (var ordinal = 0; ordinal < rows.Count; ordinal++)
        {
            if (ordinal == widenAt)
                latest.Widen();
            latest.Offer(ordinal);
        }

        Assert.Equal(widenAt >= 0, latest.IsWide);

        var expected = offered
            .GroupBy(o => o.Key)
            .Select(g => g.OrderByDescending(o => o.Event).ThenByDescending(o => o.Created).ThenBy(o => o.Ordinal).First().Ordinal)
            .Order();
        Assert.Equal(expected, latest.Winners().Order());
    }
}
