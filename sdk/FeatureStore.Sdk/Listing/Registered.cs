namespace FeatureStore.Sdk.Listing;

/// <summary>A registered object: its definition as applied and the registry-assigned version (raised by each change).</summary>
public sealed record Registered<T>(string Name, T Definition, long Version, DateTimeOffset UpdatedAt);
