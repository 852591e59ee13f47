using System.Buffers.Binary;
using FeatureStore.Client;
using FeatureStore.Serving.Hosting;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace FeatureStore.Benchmarks;

/// <summary>
/// What the gRPC packages cost by themselves: Grpc.AspNetCore unary methods in this process, on the feature server's
/// Kestrel settings (<see cref="KestrelHost"/>) and without its interceptor, that answer every call with fixed reply
/// bytes (a feature server's real reply for the case: no encoding), called through the client's own channel
/// (<see cref="ClientChannel"/>: handler, stream window, retry config) with a deadline, sending the case's encoded
/// query. <c>Reply</c> answers at once; <c>ReadThenReply</c> first makes the raw Redis read of the request's keys, so
/// it is the least any feature server on these packages does. The server passes bytes through (identity
/// marshallers); the client checks the reply's length only. A feature server's latency above these floors is the
/// feature store's own work.
/// </summary>
internal sealed class TransportFloor : IAsyncDisposable
{
    private const string Service = "featurestore.bench.Floor";
    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(static b => b, static b => b);

    // The client takes the reply's length only: copying a 100-entity reply (~110 KB) into a new array per call would
    // allocate on the large object heap, a cost no real client pays.
    private static readonly Marshaller<Received> ReplyLength = new(
        static (_, _) => throw new NotSupportedException("the client never sends a reply"),
        static context => context.PayloadLength > 0 ? Received.Instance : throw new InvalidOperationException("empty reply"));

    private static readonly Method<byte[], byte[]> Served = new(MethodType.Unary, Service, "Reply", Bytes, Bytes);
    private static readonly Method<byte[], byte[]> ServedAfterRead = new(MethodType.Unary, Service, "ReadThenReply", Bytes, Bytes);
    private static readonly Method<byte[], Received> Called = new(MethodType.Unary, Service, "Reply", Bytes, ReplyLength);
    private static readonly Method<byte[], Received> CalledAfterRead = new(MethodType.Unary, Service, "ReadThenReply", Bytes, ReplyLength);

    private readonly WebApplication app;
    private readonly GrpcChannel channel;
    private readonly CallInvoker invoker;
    private readonly FixedReply reply;
    private readonly TimeSpan timeout;

    private TransportFloor(WebApplication app, FeatureServingClientOptions options, FixedReply reply)
    {
        this.app = app;
        this.reply = reply;
        channel = ClientChannel.Create(options);
        invoker = channel.CreateCallInvoker();
        timeout = options.DefaultTimeout;
    }

    public static async Task<TransportFloor> StartAsync()
    {
        var reply = new FixedReply();
        var app = KestrelHost.Create(
            "127.0.0.1",
            0,
            HttpProtocols.Http2,
            null,
            NullLoggerFactory.Instance,
            services =>
            {
                services.AddGrpc();
                services.AddSingleton(reply);
                services.AddSingleton<IServiceMethodProvider<FixedReply>, FixedReply.MethodProvider>();
            },
            app => app.MapGrpcService<FixedReply>());
        await app.StartAsync().ConfigureAwait(false);
        return new TransportFloor(app, new FeatureServingClientOptions { Address = KestrelHost.BoundAddress(app) }, reply);
    }

    /// <summary>
    /// From now on calls are answered with <paramref name="bytes"/>; <c>ReadThenReply</c> first awaits
    /// <paramref name="read"/> of the query index the request carries (see <see cref="Request"/>).
    /// </summary>
    public void Answer(byte[] bytes, Func<long, Task> read)
    {
        reply.Bytes = bytes;
        reply.Read = read;
    }

    /// <summary>The request of query <paramref name="index"/>: its index (4 bytes), then the encoded query.</summary>
    public static byte[] Request(int index, byte[] query)
    {
        var request = new byte[4 + query.Length];
        BinaryPrimitives.WriteInt32LittleEndian(request, index);
        query.CopyTo(request, 4);
        return request;
    }

    /// <summary>One call with the client's default deadline; <paramref name="read"/>: call <c>ReadThenReply</c>.</summary>
    public Task CallAsync(byte[] request, bool read) =>
        invoker.AsyncUnaryCall(read ? CalledAfterRead : Called, null, new CallOptions(deadline: DateTime.UtcNow + timeout), request).ResponseAsync;

    public async ValueTask DisposeAsync()
    {
        channel.Dispose();
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>What the client makes of a reply: that one arrived.</summary>
    internal sealed class Received
    {
        public static readonly Received Instance = new();
    }

    /// <summary>The service: answers with <see cref="Bytes"/>, whatever was asked.</summary>
    internal sealed class FixedReply
    {
        public byte[] Bytes { get; set; } = [];

        public Func<long, Task> Read { get; set; } = static _ => Task.CompletedTask;

        private async Task<byte[]> ReadThenReplyAsync(byte[] request)
        {
            await Read(BinaryPrimitives.ReadInt32LittleEndian(request)).ConfigureAwait(false);
            return Bytes;
        }

        internal sealed class MethodProvider : IServiceMethodProvider<FixedReply>
        {
            public void OnServiceMethodDiscovery(ServiceMethodProviderContext<FixedReply> context)
            {
                context.AddUnaryMethod(Served, [], static (service, _, _) => Task.FromResult(service.Bytes));
                context.AddUnaryMethod(ServedAfterRead, [], static (service, request, _) => service.ReadThenReplyAsync(request));
            }
        }
    }
}
