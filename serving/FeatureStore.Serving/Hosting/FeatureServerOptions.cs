using FeatureStore.Registry.Model;
using OpenTelemetry.Trace;

namespace FeatureStore.Serving.Hosting;

/// <summary>
/// How the feature server listens. <see cref="Port"/> 0 picks a free port (see <see cref="FeatureServer.Address"/>);
/// <see cref="MetricsPort"/> null serves no metrics, 0 picks a free port. TLS is on when both PEM paths are set.
/// </summary>
public sealed record FeatureServerOptions
{
    public const int DefaultPort = 6566;

    public required string Project { get; init; }

    public string Host { get; init; } = "127.0.0.1";

    public int Port { get; init; } = DefaultPort;

    public int? MetricsPort { get; init; }

    public string? TlsCertificatePath { get; init; }

    public string? TlsKeyPath { get; init; }

    /// <summary>The default of both message size limits (gRPC's usual 4 MB).</summary>
    public const int DefaultMaxMessageSize = 4 * 1024 * 1024;

    /// <summary>Largest request message accepted; bigger ones get RESOURCE_EXHAUSTED.</summary>
    public int MaxReceiveMessageSize { get; init; } = DefaultMaxMessageSize;

    /// <summary>Largest reply sent; a bigger one ends the call with RESOURCE_EXHAUSTED.</summary>
    public int MaxSendMessageSize { get; init; } = DefaultMaxMessageSize;

    /// <summary>How GetOnlineFeatures replies are serialized (kept switchable so the serving benchmark can compare both).</summary>
    public ReplyEncoding ReplyEncoding { get; init; } = ReplyEncoding.Direct;

    /// <summary>How often the registry revision is checked for changes.</summary>
    public TimeSpan RegistryPollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the online store is probed: freshness gauges and the health status (SERVING / NOT_SERVING).</summary>
    public TimeSpan FreshnessInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// OpenTelemetry tracing: null (the default) traces nothing. When set, the server traces a span per call and a child
    /// span per online-store read, and this adds the exporter (for example <see cref="Tracing.ServingTracing.Otlp"/>).
    /// </summary>
    public Action<TracerProviderBuilder>? Tracing { get; init; }

    /// <summary>
    /// The feature repo folder: relative data source paths start there, and PushFeatures appends pushed rows to them.
    /// Null: PushFeatures answers FAILED_PRECONDITION (GetOnlineFeatures needs no files).
    /// </summary>
    public string? RepoDir { get; init; }

    /// <summary>
    /// True: GetOnlineFeatures and PushFeatures need <c>authorization: Bearer KEY</c> of a principal with an online grant
    /// covering the features (featurestore.yaml <c>auth: {required: true}</c>). Health, reflection and /metrics stay open.
    /// </summary>
    public bool AuthRequired { get; init; }

    /// <summary>Online PII audit lines older than this are purged (featurestore.yaml <c>audit: {retention: ...}</c>).</summary>
    public TimeSpan AuditRetention { get; init; } = AuditConfig.Default.Retention;

    /// <summary>How often finished minutes of the online PII audit are appended to the registry.</summary>
    public TimeSpan AuditFlushInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The clock TTLs and ages are measured with (and the push time written to pushed rows' created timestamps).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    public bool UsesTls => TlsCertificatePath is not null && TlsKeyPath is not null;
}
