using System.Security.Cryptography.X509Certificates;
using FeatureStore.Online;
using FeatureStore.Registry.Storage;
using FeatureStore.Serving.Access;
using FeatureStore.Serving.Features;
using FeatureStore.Serving.Health;
using FeatureStore.Serving.Logging;
using FeatureStore.Serving.Metrics;
using FeatureStore.Serving.Push;
using FeatureStore.Serving.Service;
using FeatureStore.Serving.Snapshot;
using FeatureStore.Streaming;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FeatureStore.Serving.Hosting;

/// <summary>
/// The running feature server: grpc-dotnet on a Kestrel HTTP/2 listener (cleartext h2c or TLS), an optional HTTP/1.1
/// metrics listener (a second small Kestrel), and the registry refresh, store probe and audit flush loops. The caller
/// owns the two stores.
/// </summary>
public sealed class FeatureServer : IAsyncDisposable
{
    private readonly WebApplication grpcApp;
    private readonly MetricsEndpoint? metricsEndpoint;
    private readonly CancellationTokenSource stopping;
    private readonly Task[] loops;
    private readonly AuditFlusher auditFlusher;
    private readonly ILogger logger;

    private FeatureServer(
        WebApplication grpcApp,
        MetricsEndpoint? metricsEndpoint,
        ServingMetrics metrics,
        RegistrySnapshotSource snapshots,
        CancellationTokenSource stopping,
        Task[] loops,
        AuditFlusher auditFlusher,
        ILogger logger)
    {
        this.grpcApp = grpcApp;
        this.metricsEndpoint = metricsEndpoint;
        this.stopping = stopping;
        this.loops = loops;
        this.auditFlusher = auditFlusher;
        this.logger = logger;
        Metrics = metrics;
        Snapshots = snapshots;
        Address = KestrelHost.BoundAddress(grpcApp);
        MetricsAddress = metricsEndpoint?.Address;
    }

    /// <summary>Where gRPC clients connect (http:// for h2c, https:// for TLS), with the real port.</summary>
    public Uri Address { get; }

    /// <summary>The base address of <c>/metrics</c>; null when metrics are off.</summary>
    public Uri? MetricsAddress { get; }

    public ServingMetrics Metrics { get; }

    public RegistrySnapshotSource Snapshots { get; }

    /// <summary>Loads the first registry snapshot (a failure is logged, served as UNAVAILABLE and retried by the refresh loop), then starts listening.</summary>
    public static async Task<FeatureServer> StartAsync(
        FeatureServerOptions options,
        IRegistryStore registry,
        IOnlineStore onlineStore,
        ILoggerFactory? loggerFactory = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.AuditFlushInterval <= TimeSpan.Zero || options.AuditRetention <= TimeSpan.Zero)
        {
            throw new FeatureServerException(
                $"audit: the flush interval ({options.AuditFlushInterval}) and the retention ({options.AuditRetention}) must be positive");
        }

        loggerFactory ??= NullLoggerFactory.Instance;
        var logger = loggerFactory.CreateLogger("FeatureStore.Serving");
        var metrics = new ServingMetrics();
        var snapshots = new RegistrySnapshotSource(registry, options.Project, metrics, logger);
        var storeHealth = new StoreHealth();
        var health = new ServingHealth(snapshots, storeHealth);
        var freshness = new FreshnessMonitor(onlineStore, snapshots, storeHealth, logger);
        var audit = new OnlineReadAudit();
        var access = new ServingAccess(options.AuthRequired, audit);
        var auditFlusher = new AuditFlusher(audit, registry, options.Project, options.AuditRetention, options.Clock, logger);
        var reader = new OnlineFeatureReader(snapshots, onlineStore, metrics, storeHealth, options.Clock, access);
        var pusher = new FeaturePushHandler(
            snapshots, onlineStore, options.RepoDir, new StreamIngestorOptions(options.Clock, new IngestionMetrics(metrics.Registry)), access);
        await snapshots.RefreshAsync(cancellationToken).ConfigureAwait(false);
        await freshness.ProbeAsync(TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
        health.Update();

        var certificate = options.UsesTls ? LoadCertificate(options.TlsCertificatePath!, options.TlsKeyPath!) : null;
        var grpcApp = KestrelHost.Create(
            options.Host,
            options.Port,
            HttpProtocols.Http2,
            certificate,
            loggerFactory,
            services => GrpcEndpoints.AddServices(services, options, reader, pusher, health, metrics, logger),
            app => GrpcEndpoints.Map(app, options.ReplyEncoding));
        MetricsEndpoint? metricsEndpoint = null;
        try
        {
            await grpcApp.StartAsync(cancellationToken).ConfigureAwait(false);
            if (options.MetricsPort is { } metricsPort)
            {
                metricsEndpoint = await MetricsEndpoint.StartAsync(
                    options.Host,
                    metricsPort,
                    (body, ct) => metrics.WriteExpositionAsync(body, options.Clock.GetUtcNow(), ct),
                    loggerFactory,
                    cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            // A port in use or a bad certificate: release whatever did start before reporting it.
            await grpcApp.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var stopping = new CancellationTokenSource();
        Task[] loops =
        [
            Task.Run(() => snapshots.RunAsync(options.RegistryPollInterval, stopping.Token), CancellationToken.None),
            Task.Run(() => freshness.RunAsync(options.FreshnessInterval, health.Update, stopping.Token), CancellationToken.None),
            Task.Run(() => auditFlusher.RunAsync(options.AuditFlushInterval, stopping.Token), CancellationToken.None),
        ];
        var server = new FeatureServer(grpcApp, metricsEndpoint, metrics, snapshots, stopping, loops, auditFlusher, logger);
        ServerLog.Listening(logger, server.Address.ToString(), options.Project);
        if (server.MetricsAddress is { } metricsAddress)
        {
            ServerLog.MetricsListening(logger, metricsAddress.ToString().TrimEnd('/'));
        }

        return server;
    }

    public async ValueTask DisposeAsync()
    {
        ServerLog.Stopping(logger);
        await stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(loops).ConfigureAwait(false);
        await grpcApp.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await grpcApp.DisposeAsync().ConfigureAwait(false);
        await FlushAuditAsync().ConfigureAwait(false);
        if (metricsEndpoint is not null)
        {
            await metricsEndpoint.DisposeAsync().ConfigureAwait(false);
        }

        stopping.Dispose();
    }

    /// <summary>After the last call: the current minute's audit lines too, bounded so a dead registry cannot hold the shutdown.</summary>
    private async Task FlushAuditAsync()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            if (!await auditFlusher.FlushAsync(includeCurrent: true, limit.Token).ConfigureAwait(false))
            {
                ServerLog.AuditLinesLost(logger, auditFlusher.PendingCount);
            }
        }
        catch (OperationCanceledException)
        {
            ServerLog.AuditLinesLost(logger, auditFlusher.PendingCount);
        }
    }

    private static X509Certificate2 LoadCertificate(string certificatePath, string keyPath)
    {
        try
        {
            return X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        }
        catch (Exception e) when (e is IOException or System.Security.Cryptography.CryptographicException or UnauthorizedAccessException)
        {
            throw new FeatureServerException($"TLS: cannot load certificate '{certificatePath}' with key '{keyPath}': {e.Message}");
        }
    }
}
