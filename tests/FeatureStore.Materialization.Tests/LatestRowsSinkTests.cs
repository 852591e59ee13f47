using FeatureStore.Materialization.Planning;
using FeatureStore.Materialization.Source;
using FeatureStore.Online;
using FeatureStore.Parquet;

namespace FeatureStore.Materialization.Tests;

/// <summary>
/// <see cref="LatestRowsSink"/> (keying batches with cache prefetches ahead of each lookup, in one shard or several on
/// threads of their own) against a LINQ reference; gathering the winners' features decodes only the row groups holding
/// one, also with row groups gathered in parallel; the entity limit stops the scan, whichever shard meets it.
/// </summary>
public sealed class LatestRowsSinkTests
{
    private const int Entities = 12_000;
    private static readonly long Year2025 = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    [Theory]
    [InlineData(1, 0, false, false)]
    [InlineData(1, 0, false, true)]
    [InlineData(3, 1 << 20, true, false)]
    [InlineData(3, 1 << 20, true, true)]
    public void Batches_keep_each_entitys_newest_row_and_gathering_decodes_only_row_groups_holding_one(int shards, int expectedEntities, bool parallelGather, bool randomOrder)
    {
        var random = new Random(11);
        using var sink = new LatestRowsSink(shards, expectedEntities);
        var offered = new List<(string Key, long Event, long Created, string Segment, int Row, int Order)>();
        var decoded = new List<int>();
        for (var s = 0; s < 12; s++)
        {
            var file = $"part-{s}.parquet";
            var segmentIndex = s;
            sink.AddSegment(ScannedSegment.Deferred(file, 0, 1, _ =>
            {
                lock (decoded)
                    decoded.Add(segmentIndex);
                return (new Int64Column([]), row => FeatureValue.FromInt64((segmentIndex * 100_000L) + row));
            }));
            // The first ten segments hold the tables' compact layout while rows mostly win (in event-time order), and
            // make them wide once rows mostly lose (in random order).
            if (s == 10)
                Assert.Equal(randomOrder ? shards : 0, sink.WideShards);

            // Mixed key kinds, at random in the first ten segments; the eleventh holds every entity and the last every
            // other one, both newer, so the first ten end without a winner. Even segments are given as one list of
            // batches (as the scanner gives a row group), odd ones batch by batch.
            var rowCount = s switch { 10 => Entities, 11 => Entities / 2, _ => 5_000 };
            var batches = new List<ScanBatch>();
            for (var row = 0; row < rowCount; row++)
            {
                if (row % 1_000 == 0)
                    batches.Add(new ScanBatch());
                var batch = batches[^1];
                var entity = s switch { 10 => row, 11 => row * 2, _ => random.Next(Entities) };
                FeatureValue key = entity % 4 == 0 ? FeatureValue.FromString($"user-{entity}") : FeatureValue.FromInt64(entity);
                // Times in half seconds with a tick added at random: rows of one entity differ by whole seconds (the
                // table's slot alone decides), fall in one second (the row records decide), or tie.
                // The last segment's times overlap the eleventh's, so the winners are decided in all three ways too.
                var halfSeconds = s switch { 11 => 80 + random.Next(12), 10 => 80 + random.Next(8), _ when randomOrder => random.Next(80), _ => (s * 8L) + random.Next(8) };
                var eventTicks = Year2025 + (halfSeconds * (TimeSpan.TicksPerSecond / 2)) + random.Next(2);
                var createdTicks = random.Next(3) == 0 ? SourceRow.NoCreated : random.Next(3);
                batch.Add(row, eventTicks, createdTicks, EntityKey.Of(key).Encoded.Span, null);
                offered.Add((key.ToString()!, eventTicks, createdTicks, file, row, offered.Count));
            }

            if (s % 2 == 0)
                sink.AddAll(batches);
            else
                batches.ForEach(sink.Add);
        }

        var expected = offered
            .GroupBy(o => o.Key)
            .Select(g => g.OrderByDescending(o => o.Event).ThenByDescending(o => o.Created).ThenBy(o => o.Order).First())
            .Select(o => (o.Key, o.Segment, o.Row))
            .Order();
        var rows = sink.Complete();
        var actual = Enumerable.Range(0, rows.Count)
            .Select(o => (rows.Key(o).ToString(), rows.Origin(o).File, (int)rows.Origin(o).Row))
            .Order();
        Assert.Equal(expected, actual);

        Assert.Equal(["part-10.parquet", "part-11.parquet"], expected.Select(e => e.Segment).Distinct().Order());

        Action<int, Action<int>> forEach = parallelGather
            ? (count, body) => Parallel.For(0, count, body)
            : (count, body) => Enumerable.Range(0, count).ToList().ForEach(body);
        rows.GatherFeatures(1, forEach, segment => segment.LoadFeature(0), CancellationToken.None);
        Assert.Equal([10, 11], decoded.Order());
        for (var o = 0; o < rows.Count; o++)
        {
            var segment = int.Parse(rows.Origin(o).File["part-".Length..^".parquet".Length], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(FeatureValue.FromInt64((segment * 100_000L) + rows.Origin(o).Row), Assert.Single(rows.Values(o)));
        }
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 1 << 20)]
    public void A_sink_refuses_one_entity_more_than_its_limit(int shards, int expectedEntities)
    {
        using var sink = new LatestRowsSink(shards, expectedEntities, maxEntities: 2);
        sink.AddSegment(ScannedSegment.OfRowGroup("part-0.parquet", 0, [], []));
        var batch = new ScanBatch();
        foreach (var (row, key) in new[] { (0, 1L), (1, 2L), (2, 1L), (3, 2L) })
            batch.Add(row, row, SourceRow.NoCreated, EntityKey.Of(FeatureValue.FromInt64(key)).Encoded.Span, null);
        sink.Add(batch);

        batch.Clear();
        batch.Add(4, 4, SourceRow.NoCreated, EntityKey.Of(FeatureValue.FromInt64(3)).Encoded.Span, null);
        Assert.Throws<EntitiesAboveBudgetException>(() => sink.Add(batch));
        Assert.Equal(2, sink.Complete().Count);
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
