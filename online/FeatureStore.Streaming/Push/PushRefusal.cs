namespace FeatureStore.Streaming.Push;

/// <summary>Why a push was refused as a whole (nothing of it was written).</summary>
public enum PushRefusal
{
    /// <summary>The feature view is not registered.</summary>
    UnknownView,

    /// <summary>The view exists but takes no pushes: it is offline only, or its data source has no <c>stream: {kind: push}</c>.</summary>
    NotPushable,

    /// <summary>The request itself is wrong: no rows, or rows that fail validation (<see cref="PushRefusedException.Rows"/>).</summary>
    InvalidRows,
}
