using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FeatureStore.Serving.Hosting;

/// <summary>A bare Kestrel on one endpoint running one request delegate (no routing, no middleware: nothing on the hot path but the handler).</summary>
internal static class KestrelHost
{
    public static WebApplication Create(
        string host,
        int port,
        HttpProtocols protocols,
        X509Certificate2? certificate,
        ILoggerFactory loggerFactory,
        RequestDelegate handler)
    {
        if (!IPAddress.TryParse(host, out var address))
        {
            throw new FeatureServerException($"--host '{host}' is not an IP address (use 127.0.0.1, 0.0.0.0 or ::)");
        }

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        // Kestrel's own warnings reach the caller's loggers; per-request hosting logs (Information) never run: they cost on every call.
        builder.Logging.AddProvider(new ForwardingLoggerProvider(loggerFactory));
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null; // the gRPC layer enforces its own message size limit
            kestrel.Limits.Http2.MaxStreamsPerConnection = 1000;
            kestrel.Listen(address, port, listen =>
            {
                listen.Protocols = protocols;
                if (certificate is not null)
                {
                    listen.UseHttps(certificate);
                }
            });
        });
        var app = builder.Build();
        app.Run(handler);
        return app;
    }

    /// <summary>The address the started server really listens on (the chosen port when 0 was asked for).</summary>
    public static Uri BoundAddress(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        var first = addresses.First();
        return new Uri(first.Replace("://[::]", "://[::1]", StringComparison.Ordinal).Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal));
    }
}
