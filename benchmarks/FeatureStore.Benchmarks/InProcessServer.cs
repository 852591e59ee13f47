using FeatureStore.Online;
using FeatureStore.Registry.Storage;
using FeatureStore.Serving.Hosting;

namespace FeatureStore.Benchmarks;

/// <summary>A <see cref="FeatureServer"/> in this process (Kestrel h2c, free ports) with a given reply encoding.</summary>
internal sealed class InProcessServer : IBenchServer
{
    private readonly FeatureServer server;

    private InProcessServer(FeatureServer server, ReplyEncoding encoding)
    {
        this.server = server;
        Name = encoding.ToString().ToLowerInvariant();
    }

    public string Name { get; }

    public Uri Address => server.Address;

    public Uri MetricsAddress => server.MetricsAddress ?? throw new InvalidOperationException("the server was started without a metrics port");

    public bool CpuIncludesClient => true;

    public static async Task<InProcessServer> StartAsync(string project, ReplyEncoding encoding, IRegistryStore registry, IOnlineStore online)
    {
        var options = new FeatureServerOptions { Project = project, Port = 0, MetricsPort = 0, ReplyEncoding = encoding };
        return new InProcessServer(await FeatureServer.StartAsync(options, registry, online).ConfigureAwait(false), encoding);
    }

    public TimeSpan Cpu()
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();
}
