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
        if (!RowCodec.TryReadValues(row, valuesStart, schema.Names.Length, out var stored))
            throw new OnlineStoreException($"online row of {view} has malformed values for features [{string.Join(", ", schema.Names)}]");
        var values = new FeatureValue?[wanted.Count];
        for (var i = 0; i < values.Length; i++)
        {
            var position = schema.PositionOf(wanted[i]);
            if (position >= 0)
                values[i] = stored[position];
        }
        return new OnlineEntityRow(true, new DateTimeOffset(eventTicks, TimeSpan.Zero), values);
    }
}
