namespace FeatureStore.Online.Encoding;

/// <summary>Turns stored row bytes into the <see cref="OnlineEntityRow"/> a reader asked for.</summary>
internal static class RowReader
{
    public static OnlineEntityRow Missing(int featureCount) => new(false, default, new FeatureValue?[featureCount]);

    /// <summary>True when the row has not expired at <paramref name="nowTicks"/>; outputs its header.</summary>
    public static bool TryReadLiveHeader(ReadOnlySpan<byte> row, long nowTicks, OnlineViewRef view, out uint schemaId, out long eventTicks, out int valuesStart)
    {
        if (!RowCodec.TryReadHeader(row, out eventTicks, out var expires, out schemaId, out valuesStart))
            throw new OnlineStoreException($"online row of {view} has a malformed header ({row.Length} bytes)");
        return expires is not { } at || at > nowTicks;
    }

    public static OnlineEntityRow Read(ReadOnlySpan<byte> row, RowSchema schema, IReadOnlyList<string> wanted, long eventTicks, int valuesStart, OnlineViewRef view)
    {
        var targets = schema.TargetsOf(wanted);
        var values = new FeatureValue?[wanted.Count];
        var position = valuesStart;
        for (var stored = 0; stored < targets.Length; stored++)
        {
            if (!ValueCodec.TryRead(row, ref position, out var value))
                throw Malformed(schema, view);
            if (targets[stored] >= 0)
                values[targets[stored]] = value;
        }
        if (position != row.Length)
            throw Malformed(schema, view);
        return new OnlineEntityRow(true, new DateTimeOffset(eventTicks, TimeSpan.Zero), values);
    }

    private static OnlineStoreException Malformed(RowSchema schema, OnlineViewRef view) =>
        new($"online row of {view} has malformed values for features [{string.Join(", ", schema.Names)}]");
}
