using FeatureStore.OfflineServing.Results;

namespace FeatureStore.OfflineServing.Tests;

/// <summary>The server's kept results are bounded: they expire after their lifetime, and the oldest goes when too many are kept.</summary>
public sealed class TrainingSetResultsTests
{
    private readonly ManualClock clock = new(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_result_expires_its_lifetime_after_it_was_kept()
    {
        var results = new TrainingSetResults(clock, TimeSpan.FromMinutes(10), maxCount: 4);
        results.Keep(Kept("a", results));
        clock.Advance(TimeSpan.FromMinutes(6));
        results.Keep(Kept("b", results));

        clock.Advance(TimeSpan.FromMinutes(4));

        Assert.False(results.TryGet("a", out _));
        Assert.True(results.TryGet("b", out var b));
        Assert.Equal(clock.GetUtcNow().AddMinutes(6), b.ExpiresAt);
        Assert.Equal(1, results.Count);
    }

    [Fact]
    public void Keeping_one_more_than_the_maximum_drops_the_oldest()
    {
        var results = new TrainingSetResults(clock, TimeSpan.FromMinutes(10), maxCount: 2);
        results.Keep(Kept("a", results));
        results.Keep(Kept("b", results));

        results.Keep(Kept("c", results));

        Assert.Equal([false, true, true], new[] { "a", "b", "c" }.Select(t => results.TryGet(t, out _)));
    }

    [Fact]
    public void A_released_result_is_gone_and_does_not_count()
    {
        var results = new TrainingSetResults(clock, TimeSpan.FromMinutes(10), maxCount: 2);
        results.Keep(Kept("a", results));
        results.Keep(Kept("b", results));

        Assert.True(results.Release("a"));
        results.Keep(Kept("c", results));

        Assert.False(results.Release("a"));
        Assert.Equal([false, true, true], new[] { "a", "b", "c" }.Select(t => results.TryGet(t, out _)));
    }

    [Fact]
    public void Tickets_are_128_random_bits_in_hex()
    {
        var tickets = Enumerable.Range(0, 100).Select(_ => TrainingSetResults.NewTicket()).ToList();

        Assert.All(tickets, t => Assert.Matches("^[0-9a-f]{32}$", t));
        Assert.Equal(100, tickets.Distinct().Count());
    }

    private static KeptTrainingSet Kept(string ticket, TrainingSetResults results) =>
        new(ticket, null!, new Apache.Arrow.Schema.Builder().Build(), [], results.ExpiryOfNew());

    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset now = start;

        public override DateTimeOffset GetUtcNow() => now;

        public void Advance(TimeSpan by) => now += by;
    }
}
