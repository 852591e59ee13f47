using FeatureStore.Serving.Features;
using FeatureStore.Serving.Health;
using FeatureStore.Serving.Hosting;
using FeatureStore.Serving.Metrics;
using FeatureStore.Serving.Push;
using FeatureStore.Serving.Tracing;
using FeatureStore.Serving.V1;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using Grpc.AspNetCore.Server.Model;
using Grpc.HealthCheck;
using Grpc.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FeatureStore.Serving.Service;

/// <summary>
/// The gRPC services on the server's port: FeatureServing (one of two reply encodings), grpc.health.v1.Health and
/// server reflection (v1 and v1alpha), all behind <see cref="ErrorBoundaryInterceptor"/>. Every service object is a
/// singleton, so a call creates none.
/// </summary>
internal static class GrpcEndpoints
{
    // Listed explicitly: the Direct encoding's service has no generated binder for reflection to discover.
    private static readonly ServiceDescriptor[] Described =
    [
        FeatureServing.Descriptor,
        Grpc.Health.V1.Health.Descriptor,
        Grpc.Reflection.V1.ServerReflection.Descriptor,
        Grpc.Reflection.V1Alpha.ServerReflection.Descriptor,
    ];

    public static void AddServices(
        IServiceCollection services,
        FeatureServerOptions options,
        OnlineFeatureReader reader,
        FeaturePushHandler pusher,
        ServingHealth health,
        ServingMetrics metrics,
        ILogger logger)
    {
        services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = options.MaxReceiveMessageSize;
            grpc.MaxSendMessageSize = options.MaxSendMessageSize;
            grpc.Interceptors.Add<ErrorBoundaryInterceptor>();
        });
        services.AddSingleton(new ErrorBoundaryInterceptor(metrics, logger));
        if (options.Tracing is { } tracing)
        {
            ServingTracing.Add(services, tracing);
        }

        services.AddSingleton<HealthServiceImpl>(health.Service);
        services.AddGrpcReflection();
        // Registered after AddGrpcReflection, so these instances win over its endpoint-discovering factories.
        services.AddSingleton(new ReflectionServiceImpl(Described));
        services.AddSingleton(new ReflectionV1ServiceImpl(Described));
        if (options.ReplyEncoding == ReplyEncoding.Direct)
        {
            services.AddSingleton(new DirectFeatureServing(reader, pusher));
            services.AddSingleton<IServiceMethodProvider<DirectFeatureServing>, DirectFeatureServing.MethodProvider>();
        }
        else
        {
            services.AddSingleton(new FeatureServingService(reader, pusher));
        }
    }

    public static void Map(WebApplication app, ReplyEncoding encoding)
    {
        if (encoding == ReplyEncoding.Direct)
        {
            app.MapGrpcService<DirectFeatureServing>();
        }
        else
        {
            app.MapGrpcService<FeatureServingService>();
        }

        app.MapGrpcService<HealthServiceImpl>();
        app.MapGrpcReflectionService();
    }
}
