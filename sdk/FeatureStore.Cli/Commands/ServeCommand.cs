using System.CommandLine;
using FeatureStore.Online;
using FeatureStore.Registry.Storage;
using FeatureStore.Serving.Hosting;
using FeatureStore.Serving.Tracing;
using Microsoft.Extensions.Logging;

namespace FeatureStore.Cli.Commands;

/// <summary><c>serve</c>: the gRPC feature server for the repo's project, until Ctrl-C.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "gRPC port (HTTP/2)", DefaultValueFactory = _ => FeatureServerOptions.DefaultPort };
        var host = new Option<string>("--host") { Description = "Address to bind", DefaultValueFactory = _ => "127.0.0.1" };
        var metricsPort = new Option<int?>("--metrics-port") { Description = "Serve Prometheus metrics on http://HOST:PORT/metrics (off when absent)" };
        var tlsCert = new Option<string?>("--tls-cert") { Description = "PEM certificate: serve TLS instead of cleartext HTTP/2 (needs --tls-key)" };
        var tlsKey = new Option<string?>("--tls-key") { Description = "PEM private key of --tls-cert" };
        var otlp = new Option<string?>("--otlp-endpoint")
        {
            Description = "Trace calls with OpenTelemetry to this OTLP endpoint (http://HOST:4317 for gRPC, .../v1/traces for HTTP); off when absent",
        };
        var command = new Command("serve", "Serve online features over gRPC (GetOnlineFeatures, grpc.health.v1)") { port, host, metricsPort, tlsCert, tlsKey, otlp };
        command.SetAction(async (parse, ct) =>
        {
            if ((parse.GetValue(tlsCert) is null) != (parse.GetValue(tlsKey) is null))
            {
                throw new CliUserException("--tls-cert and --tls-key go together: give both for TLS, neither for cleartext HTTP/2");
            }

            var tracing = parse.GetValue(otlp) is { } endpoint ? ServingTracing.Otlp(OtlpEndpoint(endpoint)) : null;
            var repoDir = parse.RepoDir();
            var settings = Wrap(() => RepoServingSettings.Read(repoDir));
            var options = settings.ServerOptions() with
            {
                Host = parse.GetValue(host) ?? "127.0.0.1",
                Port = parse.GetValue(port),
                MetricsPort = parse.GetValue(metricsPort),
                TlsCertificatePath = parse.GetValue(tlsCert),
                TlsKeyPath = parse.GetValue(tlsKey),
                Tracing = tracing,
                RepoDir = repoDir,
            };
            await RunAsync(repoDir, settings, options, parse.Out(), ct).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static async Task RunAsync(string repoDir, RepoServingSettings settings, FeatureServerOptions options, TextWriter output, CancellationToken ct)
    {
        using var loggers = LoggerFactory.Create(b => b
            .AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss.fff ";
                o.UseUtcTimestamp = true;
            })
            .AddFilter("Microsoft", LogLevel.Warning)
            .SetMinimumLevel(LogLevel.Information));
        var registry = Wrap(() => RegistryStoreFactory.Open(settings.Registry, repoDir));
        await using (registry.ConfigureAwait(false))
        {
            await registry.InitializeAsync(ct).ConfigureAwait(false);
            var online = Wrap(() => OnlineStoreFactory.Open(settings.OnlineStore, repoDir));
            await using (online.ConfigureAwait(false))
            {
                var server = await WrapAsync(() => FeatureServer.StartAsync(options, registry, online, loggers, ct)).ConfigureAwait(false);
                await using (server.ConfigureAwait(false))
                {
                    var metrics = server.MetricsAddress is { } m ? $", metrics on {new Uri(m, "/metrics")}" : "";
                    await output.WriteLineAsync($"serving project '{options.Project}' on {server.Address}{metrics} (Ctrl-C to stop)").ConfigureAwait(false);
                    await output.FlushAsync(ct).ConfigureAwait(false);
                    try
                    {
                        await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (ct.IsCancellationRequested)
                    {
                        await output.WriteLineAsync("stopping").ConfigureAwait(false);
                    }
                }
            }
        }
    }

    private static Uri OtlpEndpoint(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new CliUserException($"--otlp-endpoint '{text}' is not an http(s) address like http://127.0.0.1:4317");

    private static T Wrap<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is FeatureServerException or OnlineStoreException)
        {
            throw new CliUserException(e.Message);
        }
    }

    private static async Task<T> WrapAsync<T>(Func<Task<T>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (Exception e) when (e is FeatureServerException or OnlineStoreException)
        {
            throw new CliUserException(e.Message);
        }
        catch (Microsoft.AspNetCore.Connections.AddressInUseException e)
        {
            throw new CliUserException($"cannot listen: {e.Message} (use --port to pick another)");
        }
    }
}
