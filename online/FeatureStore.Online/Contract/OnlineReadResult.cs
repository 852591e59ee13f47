namespace FeatureStore.Online;

/// <summary>The answer to <see cref="IOnlineStore.ReadAsync"/>: one <see cref="OnlineViewRows"/> per request, in request order.</summary>
public sealed record OnlineReadResult(IReadOnlyList<OnlineViewRows> Requests);

/// <summary>The rows of one request: one <see cref="OnlineEntityRow"/> per requested entity key, in request order.</summary>
public sealed record OnlineViewRows(OnlineReadRequest Request, IReadOnlyList<OnlineEntityRow> Rows);

/// <summary>
/// What the store holds for one entity in one view. <see cref="Found"/> is false when no (unexpired) row exists; then
/// <see cref="EventTimestamp"/> is <c>default</c> and every value is null. Otherwise <see cref="Values"/> line up with
/// the requested feature names: a <c>null</c> entry means the stored row has no such feature (never written under
/// that name), while <see cref="FeatureValue.Null"/> is a stored null.
/// </summary>
public readonly record struct OnlineEntityRow(bool Found, DateTimeOffset EventTimestamp, IReadOnlyList<FeatureValue?> Values);
