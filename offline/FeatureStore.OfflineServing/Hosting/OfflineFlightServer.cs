using System.Net;
using FeatureStore.OfflineServing.Flight;
using FeatureStore.OfflineServing.Results;
using FeatureStore.Sdk;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FeatureStore.OfflineServing.Hosting;

/// <summary>
/// The running offline Flight server: Apache.Arrow.Flight.AspNetCore on a Kestrel HTTP/2 cleartext (h2c) listener, building
/// training sets with the caller's <see cref="FeatureStoreSession"/> (which the caller keeps and disposes).
/// </summary>
public sealed class OfflineFlightServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ILogger logger;

    private OfflineFlightServer(WebApplication app, TrainingSetResults results, ILogger logger)
    {
        this.app = app;
        this.logger = logger;
        Results = results;
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        Address = new Uri(address.Replace("://[::]", "://[::1]", StringComparison.Ordinal).Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal));
    }

    /// <summary>Where clients connect (<c>http://HOST:PORT</c>; Flight clients of other languages say <c>grpc+tcp://HOST:PORT</c>), with the real port.</summary>
    public Uri Address { get; }

    /// <summary>The Flight location of <see cref="Address"/> (<c>grpc+tcp://HOST:PORT</c>) for pyarrow, arrow-rs and other Flight clients.</summary>
    public string FlightLocation => $"grpc+tcp://{Address.Authority}";

    /// <summary>The training sets kept under tickets now.</summary>
    internal TrainingSetResults Results { get; }

    /// <exception cref="OfflineServingException">A host that is not an IP address, or options out of range.</exception>
    public static async Task<OfflineFlightServer> StartAsync(
        OfflineFlightServerOptions options,
        FeatureStoreSession session,
        ILoggerFactory? loggerFactory = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(session);
        options.Validate();
        if (!IPAddress.TryParse(options.Host, out var address))
        {
            throw new OfflineServingException($"host '{options.Host}' is not an IP address (use 127.0.0.1, 0.0.0.0 or ::)");
        }

        loggerFactory ??= NullLoggerFactory.Instance;
        var logger = loggerFactory.CreateLogger("FeatureStore.OfflineServing");
        var sets = new OfflineTrainingSets(session, new TrainingSetResults(options.Clock, options.ResultLifetime, options.MaxResults), options.TargetBatchBytes, logger);

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null; // gRPC enforces its own message size limit
            kestrel.Listen(address, options.Port, listen => listen.Protocols = HttpProtocols.Http2);
        });
        builder.Services.AddSingleton(sets);
        builder.Services.AddRouting();
        builder.Services
            .AddGrpc(grpc =>
            {
                // Each record batch is one message: a spine batch may be large, and a training-set batch is sized by the server.
                grpc.MaxReceiveMessageSize = options.MaxReceiveMessageBytes;
                grpc.MaxSendMessageSize = null;
            })
            .AddFlightServer<OfflineFlightService>();
        var app = builder.Build();
        app.UseRouting();
        app.MapFlightEndpoint();
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var server = new OfflineFlightServer(app, sets.Results, logger);
        OfflineServingLog.Listening(logger, session.Project, server.FlightLocation);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        OfflineServingLog.Stopping(logger);
        await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }
}
