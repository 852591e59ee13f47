using FeatureStore.Online;
using FeatureStore.Registry.Storage;
using FeatureStore.Serving.Hosting;

namespace FeatureStore.Benchmarks;

/// <summary>A <see cref="FeatureServer"/> in this process (Kestrel h2c, free ports) with a given reply encoding, keys required or not.</summary>
internal sealed class InProcessServer : IBenchServer
{
    private readonly FeatureServer server;

    private InProcessServer(FeatureServer server, ReplyEncoding encoding, bool authRequired)
    {
        this.server = server;
        Name = encoding.ToString().ToLowerInvariant() + (authRequired ? "+auth" : "");
    }

    public string Name { get; }

    public Uri Address => server.Address;

    public Uri MetricsAddress => server.MetricsAddress ?? throw new InvalidOperationException("the server was started without a metrics port");

    public bool CpuIncludesClient => true;

    /// <param name="authRequired">Calls need a key with a grant (<see cref="FeatureServerOptions.AuthRequired"/>).</param>
    public static async Task<InProcessServer> StartAsync(string project, ReplyEncoding encoding, IRegistryStore registry, IOnlineStore online, bool authRequired = false)
    {
        var options = new FeatureServerOptions { Project = project, Port = 0, MetricsPort = 0, ReplyEncoding = encoding, AuthRequired = authRequired };
        return new InProcessServer(await FeatureServer.StartAsync(options, registry, online).ConfigureAwait(false), encoding, authRequired);
    }

    public TimeSpan Cpu() => ProcessCpu();

    /// <summary>CPU time (user + system) this process has used so far.</summary>
    public static TimeSpan ProcessCpu()
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();
}
