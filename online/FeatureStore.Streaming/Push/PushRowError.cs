namespace FeatureStore.Streaming.Push;

/// <summary>A pushed row that failed validation: its index in the call (from 0) and a reason naming the view and field.</summary>
public sealed record PushRowError(int Row, string? View, string Reason);
