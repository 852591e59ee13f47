using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FeatureStore.Serving.Hosting;

/// <summary>
/// A Prometheus scrape endpoint: <c>GET /metrics</c> on a small HTTP/1.1 Kestrel listener, answered by the caller's
/// exposition writer; any other path is 404. Used by the feature server and by <c>featurestore ingest</c>.
/// </summary>
public sealed class MetricsEndpoint : IAsyncDisposable
{
    /// <summary>The Prometheus text exposition format, version 0.0.4.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly WebApplication app;

    private MetricsEndpoint(WebApplication app)
    {
        this.app = app;
        Address = KestrelHost.BoundAddress(app);
    }

    /// <summary>The base address (the real port when 0 was asked for); the metrics are at <c>{Address}metrics</c>.</summary>
    public Uri Address { get; }

    /// <summary>
    /// Starts listening. A port that cannot be bound throws <see cref="FeatureServerException"/> naming it, with nothing
    /// left running.
    /// </summary>
    public static async Task<MetricsEndpoint> StartAsync(
        string host,
        int port,
        Func<Stream, CancellationToken, Task> writeExposition,
        ILoggerFactory? loggerFactory = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writeExposition);
        var app = KestrelHost.Create(
            host, port, HttpProtocols.Http1, null, loggerFactory ?? NullLoggerFactory.Instance, _ => { },
            web => web.Run(http => ServeAsync(http, writeExposition)));
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or Microsoft.AspNetCore.Connections.AddressInUseException)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new FeatureServerException($"cannot serve metrics on {host}:{port}: {e.Message} (use --metrics-port to pick another)");
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new MetricsEndpoint(app);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task ServeAsync(HttpContext http, Func<Stream, CancellationToken, Task> writeExposition)
    {
        if (!string.Equals(http.Request.Path.Value, "/metrics", StringComparison.Ordinal))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        http.Response.ContentType = ContentType;
        await writeExposition(http.Response.Body, http.RequestAborted).ConfigureAwait(false);
    }
}
