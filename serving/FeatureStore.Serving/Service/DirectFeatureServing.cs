using FeatureStore.Serving.Features;
using FeatureStore.Serving.Push;
using FeatureStore.Serving.V1;
using Grpc.AspNetCore.Server.Model;
using Google.Protobuf;
using Grpc.Core;

namespace FeatureStore.Serving.Service;

/// <summary>
/// FeatureServing with the reply encoded straight from the store's rows (<see cref="OnlineFeaturesReply"/>) by a
/// custom response marshaller. Its methods are registered by <see cref="MethodProvider"/>, not by a generated binder;
/// PushFeatures uses the generated messages' marshallers.
/// </summary>
internal sealed class DirectFeatureServing(OnlineFeatureReader reader, FeaturePushHandler pusher)
{
    private static readonly Method<GetOnlineFeaturesRequest, OnlineFeaturesReply> GetOnlineFeaturesMethod = new(
        MethodType.Unary,
        Health.ServingHealth.FeatureServingService,
        "GetOnlineFeatures",
        DirectMarshallers.Request,
        DirectMarshallers.Reply);

    private static readonly Method<PushFeaturesRequest, PushFeaturesResponse> PushFeaturesMethod = new(
        MethodType.Unary,
        Health.ServingHealth.FeatureServingService,
        "PushFeatures",
        DirectMarshallers.PushRequest,
        Marshallers.Create(static (PushFeaturesResponse r) => r.ToByteArray(), PushFeaturesResponse.Parser.ParseFrom));

    public Task<PushFeaturesResponse> PushFeatures(PushFeaturesRequest request, ServerCallContext context) =>
        pusher.PushAsync(request, CallAuthorization.Of(context), context.CancellationToken);

    public async Task<OnlineFeaturesReply> GetOnlineFeatures(GetOnlineFeaturesRequest request, ServerCallContext context)
    {
        var read = await reader.ReadAsync(request, CallAuthorization.Of(context), context.CancellationToken).ConfigureAwait(false);
        return new OnlineFeaturesReply(read);
    }

    internal sealed class MethodProvider : IServiceMethodProvider<DirectFeatureServing>
    {
        public void OnServiceMethodDiscovery(ServiceMethodProviderContext<DirectFeatureServing> context)
        {
            context.AddUnaryMethod(GetOnlineFeaturesMethod, [], static (service, request, call) => service.GetOnlineFeatures(request, call));
            context.AddUnaryMethod(PushFeaturesMethod, [], static (service, request, call) => service.PushFeatures(request, call));
        }
    }
}
