using System.Runtime.ExceptionServices;
using FeatureStore.Materialization.Source;

namespace FeatureStore.Materialization.Planning;

/// <summary>
/// A scan sink that keeps only each entity's newest row so far, for views without quality rules (no row can be rejected
/// later, so an older row can never win): a row of a new entity is added, a newer row of a known entity replaces it in
/// place, an older one is dropped. Memory and work grow with entities instead of with history.
/// Entities are split into shards by key hash, each with its own rows and table, keyed on a thread of its own (the
/// calling thread takes the first): keying is bound by memory access, and each core waits on its own misses. Every
/// shard sees its rows in read order, so the first of two rows with equal times still wins. <see cref="Complete"/>
/// gives the winners.
/// </summary>
internal sealed class LatestRowsSink : IScanSink, IDisposable
{
    private const int SlotLookAhead = 16;
    private const int RecordLookAhead = 8;

    private readonly Shard[] shards;
    private readonly Thread[] threads;
    private readonly int maxEntities;
    private IReadOnlyList<ScanBatch>? current;
    private volatile bool stopping;
    private int entities;

    /// <param name="shardCount">Shards keyed in parallel (one keys on the calling thread alone).</param>
    /// <param name="expectedEntities">Entities expected (an upper bound is fine): each shard's records are sized for its share once.</param>
    /// <param name="maxEntities">Entities the sink may keep; one more throws <see cref="EntitiesAboveBudgetException"/>.</param>
    public LatestRowsSink(int shardCount = 1, int expectedEntities = 0, int maxEntities = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shardCount, 1);
        this.maxEntities = maxEntities;
        shards = new Shard[shardCount];
        // One shard's share is exact; several get an eighth more each, as hashes do not split entities evenly.
        var share = (expectedEntities / shardCount) + (shardCount > 1 ? expectedEntities / shardCount / 8 : 0);
        for (var s = 0; s < shardCount; s++)
            shards[s] = new Shard(new ScannedRows(share));
        threads = new Thread[shardCount - 1];
        for (var t = 0; t < threads.Length; t++)
        {
            var shard = t + 1;
            threads[t] = new Thread(() => KeyLoop(shard)) { IsBackground = true, Name = $"materialize keying {shard}" };
            threads[t].Start();
        }
    }

    /// <summary>Shards whose tables have gone over to wide slots (<see cref="LatestPerEntity.Widen"/>).</summary>
    public int WideShards => shards.Count(s => s.Latest.IsWide);

    public void AddSegment(ScannedSegment segment)
    {
        foreach (var shard in shards)
            shard.Rows.AddSegment(segment);
    }

    public void Add(ScanBatch batch) => AddAll([batch]);

    /// <summary>Keys a row group's batches: each shard takes them all (its own rows of each), so threads meet once per row group.</summary>
    public void AddAll(IReadOnlyList<ScanBatch> batches)
    {
        foreach (var batch in batches)
        {
            if (batch.HasReasons)
                throw new InvalidOperationException("a view with quality rules cannot keep only the latest rows while reading");
        }

        ObjectDisposedException.ThrowIf(stopping, this);
        current = batches;
        for (var s = 1; s < shards.Length; s++)
            shards[s].Start.Release();
        Exception? failure = null;
        try
        {
            KeyAll(0, batches);
        }
        catch (Exception e)
        {
            failure = e;
        }

        // Every shard finishes before the batches are handed back to the scanner for reuse.
        for (var s = 1; s < shards.Length; s++)
        {
            shards[s].Done.Wait();
            failure ??= shards[s].Failure;
            shards[s].Failure = null;
        }

        current = null;
        if (failure is not null)
            ExceptionDispatchInfo.Capture(failure).Throw();
    }

    /// <summary>Stops the shards' threads and gives every entity's newest row: ordinal i of the result is one entity's winner.</summary>
    public ScannedRows Complete()
    {
        Dispose();
        return ScannedRows.Concat([.. shards.Select(s => s.Rows)]);
    }

    public void Dispose()
    {
        if (stopping)
            return;
        stopping = true;
        for (var s = 1; s < shards.Length; s++)
            shards[s].Start.Release();
        foreach (var thread in threads)
            thread.Join();
    }

    /// <summary>The shard of a key hash: its place among <paramref name="shardCount"/> equal ranges of hashes.</summary>
    private static int ShardOf(uint hash, int shardCount) => (int)(((ulong)hash * (uint)shardCount) >> 32);

    private void KeyLoop(int shard)
    {
        var own = shards[shard];
        while (true)
        {
            own.Start.Wait();
            if (stopping)
                return;
            try
            {
                KeyAll(shard, current!);
            }
            catch (Exception e)
            {
                own.Failure = e;
            }

            own.Done.Release();
        }
    }

    private void KeyAll(int shard, IReadOnlyList<ScanBatch> batches)
    {
        foreach (var batch in batches)
            Key(shard, batch);
    }

    /// <summary>Keys the batch's rows of one shard, in read order.</summary>
    private void Key(int shard, ScanBatch batch)
    {
        var own = shards[shard];
        var rows = own.Rows;
        var latest = own.Latest;
        var batchRows = batch.Rows;
        var eventTicks = batch.EventTicks;
        var createdTicks = batch.CreatedTicks;
        var hashes = batch.Hashes;
        var mine = own.Indexes;
        var codes = batch.Codes;
        var lost = 0;
        var count = 0;
        for (var i = 0; i < hashes.Length; i++)
        {
            if (ShardOf(hashes[i], shards.Length) == shard)
                mine[count++] = i;
        }

        for (var j = 0; j < count; j++)
        {
            // Keying is bound by memory access: the slot of a row some way ahead is fetched now, and once it has
            // arrived, that slot's winner record, when the row may replace it.
            if (j + SlotLookAhead < count)
                latest.Prefetch(hashes[mine[j + SlotLookAhead]]);
            if (j + RecordLookAhead < count)
            {
                var ahead = mine[j + RecordLookAhead];
                rows.Prefetch(latest.RecordToRead(codes[ahead], hashes[ahead], LatestPerEntity.SecondOf(eventTicks[ahead])));
            }

            var i = mine[j];
            var hash = hashes[i];
            var second = LatestPerEntity.SecondOf(eventTicks[i]);
            var key = batch.Key(i);
            var winner = latest.Find(codes[i], hash, key, out var slot);
            if (winner < 0)
            {
                if (Interlocked.Increment(ref entities) > maxEntities)
                    throw new EntitiesAboveBudgetException(maxEntities);
                rows.AddKey(batchRows[i], eventTicks[i], createdTicks[i], key, hash);
                latest.Insert(slot, codes[i], hash, rows.Count - 1, second);
            }
            else if (second >= latest.Second(slot) && rows.ReplaceIfNewer(winner, batchRows[i], eventTicks[i], createdTicks[i]))
            {
                latest.SetSecond(slot, second);
            }
            else
            {
                lost++;
            }
        }

        // In a history read in event-time order nearly every row wins, and the compact table is the faster; once a
        // batch's rows lose often, as in random order, most later rows will too, and wide slots drop them unread.
        if (lost * 4L >= count && count > 0)
            latest.Widen();
    }

    /// <summary>One shard's winners and entity table, the indexes of its rows in the current batch, and its thread's handshake.</summary>
    private sealed class Shard(ScannedRows rows)
    {
        public ScannedRows Rows { get; } = rows;

        public LatestPerEntity Latest { get; } = new(rows, 1024);

        public int[] Indexes { get; } = new int[ScanBatch.Capacity];

        public SemaphoreSlim Start { get; } = new(0);

        public SemaphoreSlim Done { get; } = new(0);

        public Exception? Failure { get; set; }
    }
}
