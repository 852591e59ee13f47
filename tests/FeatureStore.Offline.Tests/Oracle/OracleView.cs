namespace FeatureStore.Offline.Tests;

/// <summary>How the DuckDB oracle reads one view (tests/interop/pit/oracle.mjs).</summary>
internal sealed record OracleView(string Name, string Path, bool Hive, IReadOnlyList<string> Keys, string Event, string? Created, long? TtlMicros, IReadOnlyList<string> Features);
