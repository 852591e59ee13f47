namespace FeatureStore.Online.Encoding;

/// <summary>Turns stored row bytes into the <see cref="OnlineEntityRow"/> a reader asked for.</summary>
internal static class RowReader
{
    public static OnlineEntityRow Missing(int featureCount) => new(false, default, StoredValues.Nulls(featureCount));

    /// <summary>True when the row has not expired at <paramref name="nowTicks"/>; outputs its header.</summary>
    public static bool TryReadLiveHeader(ReadOnlySpan<byte> row, long nowTicks, OnlineViewRef view, out uint schemaId, out long eventTicks, out int valuesStart)
    {
        if (!RowCodec.TryReadHeader(row, out eventTicks, out var expires, out schemaId, out valuesStart))
            throw new OnlineStoreException($"online row of {view} has a malformed header ({row.Length} bytes)");
        return expires is not { } at || at > nowTicks;
    }

    public static OnlineEntityRow Read(byte[] row, RowSchema schema, WantedFeatures wanted, long eventTicks, int valuesStart, OnlineViewRef view) =>
        Read(row, schema, wanted, eventTicks, valuesStart, view, new int[wanted.Count], 0);

    /// <summary>
    /// Checks every stored value and notes where the wanted ones start in <paramref name="offsets"/> (from
    /// <paramref name="offsetsStart"/>, one slot per wanted feature), so many rows of one read share one offsets array.
    /// </summary>
    public static OnlineEntityRow Read(byte[] row, RowSchema schema, WantedFeatures wanted, long eventTicks, int valuesStart, OnlineViewRef view, int[] offsets, int offsetsStart)
    {
        var targets = wanted.TargetsIn(schema);
        offsets.AsSpan(offsetsStart, wanted.Count).Fill(-1);
        var position = valuesStart;
        for (var stored = 0; stored < targets.Length; stored++)
        {
            var start = position;
            if (!ValueCodec.TrySkip(row, ref position))
                throw Malformed(schema, view);
            if (targets[stored] >= 0)
                offsets[offsetsStart + targets[stored]] = start;
        }
        if (position != row.Length)
            throw Malformed(schema, view);
        return new OnlineEntityRow(true, new DateTimeOffset(eventTicks, TimeSpan.Zero), new StoredValues(row, offsets, offsetsStart, wanted.Count));
    }

    private static OnlineStoreException Malformed(RowSchema schema, OnlineViewRef view) =>
        new($"online row of {view} has malformed values for features [{string.Join(", ", schema.Names)}]");
}
