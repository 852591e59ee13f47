using System.CommandLine;
using FeatureStore.OfflineServing.Hosting;
using FeatureStore.Registry.Yaml;
using FeatureStore.Sdk;
using FeatureStore.Sdk.Flight;
using Microsoft.Extensions.Logging;

namespace FeatureStore.Cli.Commands;

/// <summary>
/// <c>serve-offline</c>: training sets over Arrow Flight (h2c) for the repo's project, until Ctrl-C. A client uploads a spine
/// with DoPut (or names a spine file with GetFlightInfo) and reads the training set with DoGet (docs/arrow.md, "Arrow Flight").
/// </summary>
internal static class ServeOfflineCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "Arrow Flight port (HTTP/2 cleartext)", DefaultValueFactory = _ => OfflineFlightProtocol.DefaultPort };
        var host = new Option<string>("--host") { Description = "Address to bind", DefaultValueFactory = _ => "127.0.0.1" };
        var lifetime = new Option<string>("--result-lifetime") { Description = "How long a built training set can be read with DoGet (e.g. 10m, 1h)", DefaultValueFactory = _ => "10m" };
        var maxResults = new Option<int>("--max-results") { Description = "Training sets kept at once; building one more drops the oldest", DefaultValueFactory = _ => 8 };
        var command = new Command("serve-offline", "Serve training sets over Arrow Flight (DoPut a spine, DoGet the training set; ListFlights: feature services)")
        {
            port, host, lifetime, maxResults,
        };
        command.SetAction(async (parse, ct) =>
        {
            var lifetimeText = parse.GetValue(lifetime) ?? "10m";
            if (!DurationParser.TryParse(lifetimeText, out var resultLifetime))
            {
                throw new CliUserException($"--result-lifetime '{lifetimeText}' is not a duration: {DurationParser.Help}");
            }

            var options = new OfflineFlightServerOptions
            {
                Host = parse.GetValue(host) ?? "127.0.0.1",
                Port = parse.GetValue(port),
                ResultLifetime = resultLifetime,
                MaxResults = parse.GetValue(maxResults),
            };
            await using var store = await FeatureStoreSession.OpenAsync(parse.RepoDir(), ct).ConfigureAwait(false);
            await RunAsync(store, options, parse.Out(), ct).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static async Task RunAsync(FeatureStoreSession store, OfflineFlightServerOptions options, TextWriter output, CancellationToken ct)
    {
        using var loggers = LoggerFactory.Create(b => b
            .AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss.fff ";
                o.UseUtcTimestamp = true;
            })
            .AddFilter("Microsoft", LogLevel.Warning)
            .AddFilter("Grpc", LogLevel.Warning)
            .SetMinimumLevel(LogLevel.Information));
        OfflineFlightServer server;
        try
        {
            server = await OfflineFlightServer.StartAsync(options, store, loggers, ct).ConfigureAwait(false);
        }
        catch (OfflineServingException e)
        {
            throw new CliUserException(e.Message);
        }
        catch (Microsoft.AspNetCore.Connections.AddressInUseException e)
        {
            throw new CliUserException($"cannot listen: {e.Message} (use --port to pick another)");
        }

        await using (server.ConfigureAwait(false))
        {
            await output.WriteLineAsync(
                $"serving training sets of project '{store.Project}' over Arrow Flight on {server.FlightLocation} (C# clients: http://{server.Address.Authority}; Ctrl-C to stop)").ConfigureAwait(false);
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
