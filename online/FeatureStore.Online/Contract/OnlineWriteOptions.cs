namespace FeatureStore.Online;

/// <summary>
/// Options of one write. <see cref="Expiry"/>: the written rows disappear that long after this write (measured on the
/// writer's clock); null keeps them until overwritten or deleted.
/// </summary>
public sealed record OnlineWriteOptions(TimeSpan? Expiry = null)
{
    public static OnlineWriteOptions Default { get; } = new();
}
