namespace FeatureStore.Materialization.Planning;

/// <summary>Thrown by <see cref="LatestRowsSink"/> when a window holds more entities than its share of the memory budget.</summary>
internal sealed class EntitiesAboveBudgetException(int maxEntities)
    : Exception($"the window holds more than {maxEntities} entities, above its share of the memory budget");
