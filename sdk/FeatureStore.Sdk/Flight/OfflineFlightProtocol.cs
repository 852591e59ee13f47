namespace FeatureStore.Sdk.Flight;

/// <summary>The names both ends of the offline Flight service agree on (docs/arrow.md, "Arrow Flight").</summary>
public static class OfflineFlightProtocol
{
    /// <summary>The port of <c>featurestore serve-offline</c> unless <c>--port</c> says otherwise (Arrow Flight's customary port).</summary>
    public const int DefaultPort = 8815;

    /// <summary>DoAction type that drops a kept training set now (body: the ticket); results also expire on their own.</summary>
    public const string ReleaseAction = "release";

    /// <summary>The call header that carries the API key (gRPC metadata keys are lowercase).</summary>
    public const string AuthorizationHeader = "authorization";

    /// <summary>What precedes the key in <see cref="AuthorizationHeader"/>.</summary>
    public const string BearerPrefix = "Bearer ";
}
