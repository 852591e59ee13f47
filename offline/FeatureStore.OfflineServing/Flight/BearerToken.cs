using FeatureStore.Sdk.Flight;
using Grpc.Core;

namespace FeatureStore.OfflineServing.Flight;

/// <summary>The API key of a call: the <c>authorization: Bearer KEY</c> header, or null. Never logged or echoed.</summary>
internal static class BearerToken
{
    public static string? Of(ServerCallContext context)
    {
        var value = context.RequestHeaders.GetValue(OfflineFlightProtocol.AuthorizationHeader);
        if (value is null || !value.StartsWith(OfflineFlightProtocol.BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = value[OfflineFlightProtocol.BearerPrefix.Length..].Trim();
        return token.Length == 0 ? null : token;
    }
}
