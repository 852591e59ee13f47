using FeatureStore.Registry.Storage;

namespace FeatureStore.Registry.Planning;

/// <summary>What an apply did: the plan, and the recorded apply (null when there was nothing to change).</summary>
public sealed record ApplyOutcome(RegistryPlan Plan, ApplyRecord? Record);
