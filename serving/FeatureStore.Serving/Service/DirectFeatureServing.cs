using FeatureStore.Serving.Features;
using FeatureStore.Serving.V1;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;

namespace FeatureStore.Serving.Service;

/// <summary>
/// FeatureServing with the reply encoded straight from the store's rows (<see cref="OnlineFeaturesReply"/>) by a
/// custom response marshaller. Its one method is registered by <see cref="MethodProvider"/>, not by a generated binder.
/// </summary>
internal sealed class DirectFeatureServing(OnlineFeatureReader reader)
{
    private static readonly Method<GetOnlineFeaturesRequest, OnlineFeaturesReply> GetOnlineFeaturesMethod = new(
        MethodType.Unary,
        Health.ServingHealth.FeatureServingService,
        "GetOnlineFeatures",
        DirectMarshallers.Request,
        DirectMarshallers.Reply);

    public async Task<OnlineFeaturesReply> GetOnlineFeatures(GetOnlineFeaturesRequest request, ServerCallContext context)
    {
        var read = await reader.ReadAsync(request, context.CancellationToken).ConfigureAwait(false);
        return new OnlineFeaturesReply(read);
    }

    internal sealed class MethodProvider : IServiceMethodProvider<DirectFeatureServing>
    {
        public void OnServiceMethodDiscovery(ServiceMethodProviderContext<DirectFeatureServing> context) =>
            context.AddUnaryMethod(GetOnlineFeaturesMethod, [], static (service, request, call) => service.GetOnlineFeatures(request, call));
    }
}
