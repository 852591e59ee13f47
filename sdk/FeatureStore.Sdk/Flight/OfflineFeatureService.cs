using ArrowSchema = Apache.Arrow.Schema;

namespace FeatureStore.Sdk.Flight;

/// <summary>A feature service the offline Flight server offers (one ListFlights entry): its name and the Arrow schema of its feature columns.</summary>
public sealed record OfflineFeatureService(string Name, ArrowSchema FeatureSchema);
