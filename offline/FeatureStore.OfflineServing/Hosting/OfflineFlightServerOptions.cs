using FeatureStore.Sdk.Flight;

namespace FeatureStore.OfflineServing.Hosting;

/// <summary>Where the offline Flight server listens and how much it keeps (docs/arrow.md, "Arrow Flight").</summary>
public sealed record OfflineFlightServerOptions
{
    /// <summary>The address to bind: an IP address (127.0.0.1, 0.0.0.0, ::).</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The h2c port; 0 picks a free one (see <see cref="OfflineFlightServer.Address"/>).</summary>
    public int Port { get; init; } = OfflineFlightProtocol.DefaultPort;

    /// <summary>How long a built training set stays redeemable after it was built.</summary>
    public TimeSpan ResultLifetime { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How many built training sets are kept at once; building one more drops the oldest.</summary>
    public int MaxResults { get; init; } = 8;

    /// <summary>The largest message a client may send (one spine record batch).</summary>
    public int MaxReceiveMessageBytes { get; init; } = 256 << 20;

    /// <summary>DoGet sends record batches of about this many bytes (at most 65,536 rows each).</summary>
    public int TargetBatchBytes { get; init; } = 2 << 20;

    /// <summary>The clock of result expiry (a fake one in tests).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    internal void Validate()
    {
        if (Port is < 0 or > 65_535)
        {
            throw new OfflineServingException($"port {Port} is not a TCP port (0-65535)");
        }

        if (ResultLifetime <= TimeSpan.Zero)
        {
            throw new OfflineServingException($"the result lifetime must be positive; got {ResultLifetime}");
        }

        if (MaxResults < 1)
        {
            throw new OfflineServingException($"at least one result must be kept; got a maximum of {MaxResults}");
        }

        if (MaxReceiveMessageBytes < 1 << 20 || TargetBatchBytes < 1 << 10)
        {
            throw new OfflineServingException("message limits below 1 MB (receive) or 1 KB (batches) cannot carry a training set");
        }
    }
}
