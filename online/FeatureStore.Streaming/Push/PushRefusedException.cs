namespace FeatureStore.Streaming.Push;

/// <summary>
/// A push refused as a whole; nothing was written online or offline. The message names the view and, for bad rows, the
/// first three rows at fault (by index) with their field. <see cref="Rows"/> lists every bad row, so a caller reading
/// a file can name lines instead (<see cref="PushErrorText"/>).
/// </summary>
public sealed class PushRefusedException(PushRefusal refusal, string view, string message, IReadOnlyList<PushRowError>? rows = null)
    : Exception(message)
{
    public PushRefusal Refusal { get; } = refusal;

    /// <summary>The feature view the push was for.</summary>
    public string View { get; } = view;

    public IReadOnlyList<PushRowError> Rows { get; } = rows ?? [];
}
