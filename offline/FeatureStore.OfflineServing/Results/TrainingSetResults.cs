namespace FeatureStore.OfflineServing.Results;

/// <summary>
/// The training sets the server keeps under tickets, bounded in time and count: a result expires
/// <c>lifetime</c> after it was built, and keeping one more than <c>maxCount</c> drops the oldest.
/// </summary>
internal sealed class TrainingSetResults(TimeProvider clock, TimeSpan lifetime, int maxCount)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, KeptTrainingSet> byTicket = new(StringComparer.Ordinal);
    private readonly Queue<string> oldestFirst = new();

    public TimeSpan Lifetime => lifetime;

    public int MaxCount => maxCount;

    /// <summary>When a result kept now will expire.</summary>
    public DateTimeOffset ExpiryOfNew() => clock.GetUtcNow() + lifetime;

    /// <summary>A new ticket: 128 random bits as hex, so tickets cannot be guessed from one another.</summary>
    public static string NewTicket() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    public void Keep(KeptTrainingSet result)
    {
        lock (gate)
        {
            DropExpired();
            while (byTicket.Count >= maxCount && oldestFirst.TryDequeue(out var oldest))
            {
                byTicket.Remove(oldest);
            }

            byTicket.Add(result.Ticket, result);
            oldestFirst.Enqueue(result.Ticket);
        }
    }

    public bool TryGet(string ticket, out KeptTrainingSet result)
    {
        lock (gate)
        {
            DropExpired();
            return byTicket.TryGetValue(ticket, out result!);
        }
    }

    public bool Release(string ticket)
    {
        lock (gate)
        {
            DropExpired();
            return byTicket.Remove(ticket);
        }
    }

    public int Count
    {
        get
        {
            lock (gate)
            {
                DropExpired();
                return byTicket.Count;
            }
        }
    }

    private void DropExpired()
    {
        var now = clock.GetUtcNow();

        // Tickets are queued in build order and share one lifetime, so the expired ones are at the front; released tickets
        // are skipped when they reach the front.
        while (oldestFirst.TryPeek(out var ticket) && (!byTicket.TryGetValue(ticket, out var kept) || kept.ExpiresAt <= now))
        {
            oldestFirst.Dequeue();
            byTicket.Remove(ticket);
        }
    }
}
