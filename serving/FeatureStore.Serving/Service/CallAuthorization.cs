using Grpc.AspNetCore.Server;
using Grpc.Core;

namespace FeatureStore.Serving.Service;

/// <summary>The <c>authorization</c> metadata of a call, read from the HTTP/2 request headers (no metadata copy).</summary>
internal static class CallAuthorization
{
    /// <summary>The header's value; null when absent; "" when sent more than once (never valid).</summary>
    public static string? Of(ServerCallContext context)
    {
        var values = context.GetHttpContext().Request.Headers.Authorization;
        return values.Count switch
        {
            0 => null,
            1 => values[0],
            _ => "",
        };
    }
}
