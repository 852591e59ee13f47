using FeatureStore.Serving.Snapshot;
using Grpc.Health.V1;
using Grpc.HealthCheck;

namespace FeatureStore.Serving.Health;

/// <summary>
/// Drives the standard health service: "" and the FeatureServing service are SERVING while a registry snapshot is
/// loaded (and its last refresh worked) and the online store answers, NOT_SERVING otherwise. Updated by the probe loop
/// after each probe, and at once when a request finds the store down or back.
/// </summary>
public sealed class ServingHealth
{
    public const string FeatureServingService = "featurestore.serving.v1.FeatureServing";

    private readonly RegistrySnapshotSource snapshots;
    private readonly StoreHealth store;
    private readonly Lock gate = new();
    private bool? serving;

    public ServingHealth(RegistrySnapshotSource snapshots, StoreHealth store)
    {
        this.snapshots = snapshots;
        this.store = store;
        store.Changed += Update;
    }

    public HealthServiceImpl Service { get; } = new();

    public void Update()
    {
        var now = snapshots.Current is not null && snapshots.LastError is null && store.LastFailure is null;
        lock (gate)
        {
            if (serving == now)
            {
                return;
            }

            serving = now;
            var status = now ? HealthCheckResponse.Types.ServingStatus.Serving : HealthCheckResponse.Types.ServingStatus.NotServing;
            Service.SetStatus("", status);
            Service.SetStatus(FeatureServingService, status);
        }
    }
}
