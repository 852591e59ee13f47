namespace FeatureStore.Materialization.Tests;

/// <summary>One row of the test history: a driver's stats at an event time, created (ingested) at a later time.</summary>
internal sealed record HistoryRow(long DriverId, DateTimeOffset Event, DateTimeOffset? Created, float? ConvRate, long? Trips, string? City = "London");
