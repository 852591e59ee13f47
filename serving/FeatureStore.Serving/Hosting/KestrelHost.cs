using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FeatureStore.Serving.Hosting;

/// <summary>A minimal Kestrel host on one endpoint: the caller adds its services and maps its endpoints.</summary>
internal static class KestrelHost
{
    public static WebApplication Create(
        string host,
        int port,
        HttpProtocols protocols,
        X509Certificate2? certificate,
        ILoggerFactory loggerFactory,
        Action<IServiceCollection> addServices,
        Action<WebApplication> map)
    {
        if (!IPAddress.TryParse(host, out var address))
        {
            throw new FeatureServerException($"--host '{host}' is not an IP address (use 127.0.0.1, 0.0.0.0 or ::)");
        }

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        // Kestrel's and grpc-dotnet's warnings reach the caller's loggers; their per-request logs (Information and
        // below) never run: they cost on every call.
        builder.Logging.AddProvider(new ForwardingLoggerProvider(loggerFactory));
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter("Grpc", LogLevel.Warning);
        // Long-lived calls (health Watch) must not hold a stopping server for the default 30 s.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null; // gRPC enforces its own message size limit
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
        addServices(builder.Services);
        var app = builder.Build();
        map(app);
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
