namespace FeatureStore.Online.Encoding;

/// <summary>A validated write: its schema, each row encoded, and the newest event time of the batch.</summary>
internal sealed class PreparedWrite
{
    private PreparedWrite(RowSchema schema, byte[][] encodedRows, long[] eventTicks, long? expiresTicks)
    {
        Schema = schema;
        EncodedRows = encodedRows;
        EventTicks = eventTicks;
        ExpiresTicks = expiresTicks;
        NewestEventTicks = eventTicks.Length == 0 ? -1 : eventTicks.Max();
    }

    public RowSchema Schema { get; }

    public byte[][] EncodedRows { get; }

    public long[] EventTicks { get; }

    /// <summary>UTC ticks after which the rows are gone, or null.</summary>
    public long? ExpiresTicks { get; }

    /// <summary>Greatest event time of the batch in UTC ticks; -1 for an empty batch.</summary>
    public long NewestEventTicks { get; }

    public static PreparedWrite Create(
        OnlineViewRef view, IReadOnlyList<string> featureNames, IReadOnlyList<OnlineRow> rows, OnlineWriteOptions? options, DateTimeOffset now)
    {
        ViewRefRules.Validate(view);
        ArgumentNullException.ThrowIfNull(featureNames);
        ArgumentNullException.ThrowIfNull(rows);
        var schema = new RowSchema(featureNames);
        long? expires = null;
        if (options?.Expiry is { } expiry)
        {
            if (expiry <= TimeSpan.Zero)
                throw new OnlineStoreException($"write to {view}: expiry must be positive, got {expiry}");
            expires = now.UtcTicks + Math.Min(expiry.Ticks, DateTimeOffset.MaxValue.UtcTicks - now.UtcTicks);
        }
        var encoded = new byte[rows.Count][];
        var ticks = new long[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i] ?? throw new OnlineStoreException($"write to {view}: row {i} is null");
            if (row.Key is null)
                throw new OnlineStoreException($"write to {view}: row {i} has no entity key");
            if (row.Values is null || row.Values.Count != schema.Names.Length)
                throw new OnlineStoreException(
                    $"write to {view}: row {i} has {row.Values?.Count ?? 0} values for {schema.Names.Length} feature names");
            ticks[i] = row.EventTimestamp.UtcTicks;
            encoded[i] = RowCodec.Encode(ticks[i], expires, schema, row.Values);
        }
        return new PreparedWrite(schema, encoded, ticks, expires);
    }
}
