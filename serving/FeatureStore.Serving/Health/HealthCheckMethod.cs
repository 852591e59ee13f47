using FeatureStore.Protos.Wire;
using FeatureStore.Serving.Features;
using FeatureStore.Serving.Grpc;
using FeatureStore.Serving.Snapshot;
using Grpc.Health.V1;

namespace FeatureStore.Serving.Health;

/// <summary>
/// The standard <c>grpc.health.v1.Health/Check</c>: SERVING when a registry snapshot is loaded (and the last refresh
/// worked) and the online store answers a probe now; NOT_SERVING otherwise; NOT_FOUND for a service name it does not serve.
/// </summary>
internal sealed class HealthCheckMethod(RegistrySnapshotSource snapshots, FreshnessMonitor probe)
    : UnaryMethod<HealthCheckRequest>("grpc.health.v1.Health", "Check", HealthCheckRequest.Parser)
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(1);

    protected override async ValueTask<IGrpcReply> HandleAsync(HealthCheckRequest request, GrpcCallContext context)
    {
        if (request.Service.Length > 0 && !string.Equals(request.Service, GetOnlineFeaturesMethod.ServiceName, StringComparison.Ordinal))
        {
            throw new GrpcStatusException(GrpcStatusCode.NotFound, $"unknown service '{request.Service}'; this server serves '{GetOnlineFeaturesMethod.ServiceName}'");
        }

        var serving = snapshots.Current is not null
            && snapshots.LastError is null
            && await probe.ProbeAsync(ProbeTimeout, context.CancellationToken).ConfigureAwait(false);
        return new MessageReply(new HealthCheckResponse
        {
            Status = serving ? HealthCheckResponse.Types.ServingStatus.Serving : HealthCheckResponse.Types.ServingStatus.NotServing,
        });
    }
}
