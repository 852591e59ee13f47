namespace FeatureStore.Serving.Features;

/// <summary>What is wrong with a feature request, in domain terms; the service's error boundary maps it to a status code.</summary>
public enum FeatureRequestError
{
    /// <summary>A named feature service, view or feature does not exist.</summary>
    NotFound,

    /// <summary>The request itself is malformed (entity columns, references, options).</summary>
    InvalidArgument,

    /// <summary>The named thing exists but cannot be served as registered.</summary>
    FailedPrecondition,

    /// <summary>The server cannot answer yet (no registry snapshot loaded).</summary>
    Unavailable,

    /// <summary>Keys are required and the call carries no valid one (missing, malformed, unknown, revoked or expired).</summary>
    Unauthenticated,

    /// <summary>The principal has no online grant covering a requested feature, or the feature's PII class is above the grant.</summary>
    PermissionDenied,
}

/// <summary>A feature request that cannot be answered; <see cref="Exception.Message"/> says what to fix and is sent to the caller.</summary>
public sealed class FeatureRequestException(FeatureRequestError error, string message) : Exception(message)
{
    public FeatureRequestError Error { get; } = error;
}
