using FeatureStore.Materialization.Planning;
using FeatureStore.Materialization.Source;
using FeatureStore.Online;
using FeatureStore.Parquet;

namespace FeatureStore.Materialization.Tests;

/// <summary>
/// <see cref="LatestRowsSink"/> (keying batches with cache prefetches ahead of each lookup) against a LINQ reference, and
/// the row groups it leaves holding rows: the only ones whose deferred features are decoded.
/// </summary>
public sealed class LatestRowsSinkTests
{
    private const int Entities = 12_000;

    [Fact]
    public void Batches_keep_each_entitys_newest_row_and_only_segments_holding_one_stay_in_use()
    {
        var random = new Random(11);
        var sink = new LatestRowsSink(new ScannedRows());
        var offered = new List<(string Key, long Event, long Created, string Segment, int Row, int Order)>();
        var segments = new List<ScannedSegment>();
        for (var s = 0; s < 12; s++)
        {
            var file = $"part-{s}.parquet";
            var segment = ScannedSegment.OfRowGroup(file, 0, [], []);
            segments.Add(segment);
            sink.AddSegment(segment);
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

        var holding = expected.Select(e => e.Segment).ToHashSet();
        Assert.Equal(["part-10.parquet", "part-11.parquet"], holding.Order());
        Assert.Equal([segments[10], segments[11]], rows.SegmentsInUse());
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
