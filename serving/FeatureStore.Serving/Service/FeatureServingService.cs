using FeatureStore.Serving.Features;
using FeatureStore.Serving.Push;
using FeatureStore.Serving.V1;
using Grpc.Core;

namespace FeatureStore.Serving.Service;

/// <summary>FeatureServing on the generated service base: the reply is built as generated messages (<see cref="OnlineFeaturesMessage"/>).</summary>
internal sealed class FeatureServingService(OnlineFeatureReader reader, FeaturePushHandler pusher) : FeatureServing.FeatureServingBase
{
    public override Task<PushFeaturesResponse> PushFeatures(PushFeaturesRequest request, ServerCallContext context) =>
        pusher.PushAsync(request, CallAuthorization.Of(context), context.CancellationToken);

    public override async Task<GetOnlineFeaturesResponse> GetOnlineFeatures(GetOnlineFeaturesRequest request, ServerCallContext context)
    {
        var read = await reader.ReadAsync(request, CallAuthorization.Of(context), context.CancellationToken).ConfigureAwait(false);
        return OnlineFeaturesMessage.Build(read);
    }
}
