using FeatureStore.Materialization.Planning;
using FeatureStore.Materialization.Source;
using FeatureStore.Online;
using FeatureStore.Parquet;

namespace FeatureStore.Materialization.Tests;

/// <summary>
/// <see cref="LatestRowsSink"/> (keying batches with cache prefetches ahead of each lookup) against a LINQ reference;
/// gathering the winners' features decodes only the row groups holding one; the entity limit stops the scan.
/// </summary>
public sealed class LatestRowsSinkTests
{
    private const int Entities = 12_000;

    [Fact]
    public void Batches_keep_each_entitys_newest_row_and_gathering_decodes_only_row_groups_holding_one()
    {
        var random = new Random(11);
        var sink = new LatestRowsSink(new ScannedRows());
        var offered = new List<(string Key, long Event, long Created, string Segment, int Row, int Order)>();
        var decoded = new List<int>();
        for (var s = 0; s < 12; s++)
        {
            var file = $"part-{s}.parquet";
            var segmentIndex = s;
            sink.AddSegment(ScannedSegment.Deferred(file, 0, 1, _ =>
            {
                decoded.Add(segmentIndex);
                return (new Int64Column([]), row => FeatureValue.FromInt64((segmentIndex * 100_000L) + row));
            }));
            var batch = new ScanBatch();
            // Mixed key kinds, at random in the first ten segments; the eleventh holds every entity and the last every
            // other one, both newer, so the first ten end without a winner.
            var rowCount = s switch { 10 => Entities, 11 => Entities / 2, _ => 5_000 };
            batch.Clear();
            for (var row = 0; row < rowCount; row++)
            {
                var entity = s switch { 10 => row, 11 => row * 2, _ => random.Next(Entities) };
                FeatureValue key = entity % 4 == 0 ? FeatureValue.FromString($"user-{entity}") : FeatureValue.FromInt64(entity);
                var eventTicks = (s * 10L) + random.Next(3);
                var createdTicks = random.Next(3) == 0 ? SourceRow.NoCreated : random.Next(3);
                batch.Add(row, eventTicks, createdTicks, EntityKey.Of(key).Encoded.Span, null);
                if (batch.Count == ScanBatch.Capacity)
                {
                    sink.Add(batch);
                    batch.Clear();
                }
                offered.Add((key.ToString()!, eventTicks, createdTicks, file, row, offered.Count));
            }

            sink.Add(batch);
        }

        var expected = offered
            .GroupBy(o => o.Key)
            .Select(g => g.OrderByDescending(o => o.Event).ThenByDescending(o => o.Created).ThenBy(o => o.Order).First())
            .Select(o => (o.Key, o.Segment, o.Row))
            .Order();
        var rows = sink.Rows;
        var actual = Enumerable.Range(0, rows.Count)
            .Select(o => (rows.Key(o).ToString(), rows.Origin(o).File, (int)rows.Origin(o).Row))
            .Order();
        Assert.Equal(expected, actual);

        Assert.Equal(["part-10.parquet", "part-11.parquet"], expected.Select(e => e.Segment).Distinct().Order());

        rows.GatherFeatures(1, segment => segment.LoadFeature(0), CancellationToken.None);
        Assert.Equal([10, 11], decoded);
        for (var o = 0; o < rows.Count; o++)
        {
            var segment = int.Parse(rows.Origin(o).File["part-".Length..^".parquet".Length], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(FeatureValue.FromInt64((segment * 100_000L) + rows.Origin(o).Row), Assert.Single(rows.Values(o)));
        }
    }

    [Fact]
    public void A_sink_refuses_one_entity_more_than_its_limit()
    {
        var sink = new LatestRowsSink(new ScannedRows(), maxEntities: 2);
        sink.AddSegment(ScannedSegment.OfRowGroup("part-0.parquet", 0, [], []));
        var batch = new ScanBatch();
        foreach (var (row, key) in new[] { (0, 1L), (1, 2L), (2, 1L), (3, 2L) })
            batch.Add(row, row, SourceRow.NoCreated, EntityKey.Of(FeatureValue.FromInt64(key)).Encoded.Span, null);
        sink.Add(batch);
        Assert.Equal(2, sink.Rows.Count);

        batch.Clear();
        batch.Add(4, 4, SourceRow.NoCreated, EntityKey.Of(FeatureValue.FromInt64(3)).Encoded.Span, null);
        Assert.Throws<EntitiesAboveBudgetException>(() => sink.Add(batch));
    }

    [Fact]
    public void A_deferred_segment_decodes_each_feature_once_and_only_when_used()
    {
        var loads = new List<int>();
        var segment = ScannedSegment.Deferred("part-0.parquet", 100, 3, f =>
        {
            lock (loads)
                loads.Add(f);
            return (new Int64Column([f * 10L, (f * 10L) + 1]), row => FeatureValue.FromInt64((f * 10L) + row));
        });

        Assert.Empty(loads);
        Assert.Equal(("part-0.parquet", 101L), segment.Origin(1));
        Assert.Empty(loads);

        segment.LoadFeature(2);
        segment.LoadFeature(2);
        Assert.Equal([2], loads);

        Assert.Equal(FeatureValue.FromInt64(11), segment.Converters[1](1));
        Assert.Equal([0, 1, 2], loads.Order());
        Assert.Equal(21L, ((Int64Column)segment.FeatureColumns[2]).Values[1]);
        Assert.Equal(3, loads.Count);
    }
}
