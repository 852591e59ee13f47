using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace FeatureStore.Serving.Tracing;

/// <summary>
/// OpenTelemetry tracing of the feature server, off unless <see cref="Hosting.FeatureServerOptions.Tracing"/> is set:
/// a server span per gRPC call (ASP.NET Core's, which continues a caller's W3C <c>traceparent</c>) and a child span per
/// online-store read. With tracing off no listener exists, so <see cref="Source"/> starts no activity and costs nothing.
/// </summary>
public static class ServingTracing
{
    public const string SourceName = "FeatureStore.Serving";

    public const string ServiceName = "featurestore-serving";

    public const string StoreReadSpan = "online_store.read";

    internal static readonly ActivitySource Source = new(SourceName);

    internal static void Add(IServiceCollection services, Action<TracerProviderBuilder> configure) =>
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithTracing(tracing =>
            {
                tracing.AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.RecordException = false);
                tracing.AddSource(SourceName);
                configure(tracing);
            });

    /// <summary>Exports spans with OTLP: <c>http(s)://host:4317</c> speaks gRPC; a URL ending in <c>/v1/traces</c> speaks HTTP/protobuf.</summary>
    public static Action<TracerProviderBuilder> Otlp(Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var http = endpoint.AbsolutePath.EndsWith("/v1/traces", StringComparison.Ordinal);
        return tracing => tracing.AddOtlpExporter(otlp =>
        {
            otlp.Endpoint = endpoint;
            otlp.Protocol = http ? OpenTelemetry.Exporter.OtlpExportProtocol.HttpProtobuf : OpenTelemetry.Exporter.OtlpExportProtocol.Grpc;
        });
    }
}
