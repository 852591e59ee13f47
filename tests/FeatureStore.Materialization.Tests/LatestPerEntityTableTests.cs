using FeatureStore.Materialization.Planning;
using FeatureStore.Materialization.Source;
using FeatureStore.Online;

namespace FeatureStore.Materialization.Tests;

/// <summary><see cref="LatestPerEntity"/> against a LINQ reference: the newest row per entity, first read on a full tie.</summary>
public sealed class LatestPerEntityTableTests
{
    [Fact]
    public void Winners_match_a_reference_over_many_entities_and_growths()
    {
        var random = new Random(5);
        var rows = new ScannedRows();
        var batch = new ScanBatch();
        var offered = new List<(string Key, long Event, long Created, int Ordinal)>();
        for (var i = 0; i < 120_000; i++)
        {
            // Mixed string and integer keys; few distinct times, so ties on event and on both times are common.
            FeatureValue key = i % 3 == 0 ? FeatureValue.FromString($"user-{random.Next(20_000)}") : FeatureValue.FromInt64(random.Next(30_000));
            var eventTicks = random.Next(5) * 1000L;
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
            latest.Offer(ordinal);

        var expected = offered
            .GroupBy(o => o.Key)
            .Select(g => g.OrderByDescending(o => o.Event).ThenByDescending(o => o.Created).ThenBy(o => o.Ordinal).First().Ordinal)
            .Order();
        Assert.Equal(expected, latest.Winners().Order());
    }
}
