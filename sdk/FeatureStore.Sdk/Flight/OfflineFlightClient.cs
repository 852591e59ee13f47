using Apache.Arrow.Flight;
using Apache.Arrow.Flight.Client;
using FeatureStore.Sdk.Arrow;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using ArrowRecordBatch = Apache.Arrow.RecordBatch;

namespace FeatureStore.Sdk.Flight;

/// <summary>
/// Client of <c>featurestore serve-offline</c>: uploads a spine as Arrow and receives the training set as Arrow record
/// batches with its manifest, over Apache.Arrow.Flight. Hold one per server and reuse it; thread-safe.
/// Failures throw <see cref="OfflineFlightException"/> with the server's gRPC status and message.
/// </summary>
/// <example><code>
/// using var client = new OfflineFlightClient(new Uri("http://127.0.0.1:8815"));
/// using var result = await client.GetTrainingSetAsync(spineBatch, OfflineFlightRequest.ForFeatureService("driver_ranking"));
/// </code></example>
public sealed class OfflineFlightClient : IDisposable
{
    private readonly GrpcChannel? ownedChannel;
    private readonly FlightClient flight;
    private readonly Metadata? headers;

    /// <summary>
    /// A client with its own channel to <paramref name="address"/> (<c>http://HOST:PORT</c> for the server's h2c). With
    /// <paramref name="apiKey"/>, every call carries <c>authorization: Bearer KEY</c>: needed for personal or sensitive
    /// features, and for every training set when the server's repo has <c>auth: {required: true}</c>.
    /// </summary>
    public OfflineFlightClient(Uri address, string? apiKey = null)
    {
        ArgumentNullException.ThrowIfNull(address);

        // Each record batch is one gRPC message: no 4 MB cap on what a training set or a spine may be.
        ownedChannel = GrpcChannel.ForAddress(address, new GrpcChannelOptions { MaxReceiveMessageSize = null, MaxSendMessageSize = null });
        flight = new FlightClient(ownedChannel);
        headers = Headers(apiKey);
    }

    /// <summary>A client over a channel the caller configured and disposes; <paramref name="apiKey"/> as above.</summary>
    public OfflineFlightClient(ChannelBase channel, string? apiKey = null)
    {
        ArgumentNullException.ThrowIfNull(channel);
        flight = new FlightClient(channel);
        headers = Headers(apiKey);
    }

    /// <inheritdoc cref="GetTrainingSetAsync(IReadOnlyList{ArrowRecordBatch}, OfflineFlightRequest, CancellationToken)"/>
    public Task<OfflineFlightResult> GetTrainingSetAsync(ArrowRecordBatch spine, OfflineFlightRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spine);
        return GetTrainingSetAsync([spine], request, cancellationToken);
    }

    /// <summary>
    /// Uploads <paramref name="spine"/> (DoPut, the request as the descriptor's JSON command), then reads the training set
    /// (DoGet) and releases it on the server.
    /// </summary>
    /// <exception cref="ArgumentException">No batches, batches with different columns, or a request with a <see cref="OfflineFlightRequest.SpinePath"/>.</exception>
    public async Task<OfflineFlightResult> GetTrainingSetAsync(IReadOnlyList<ArrowRecordBatch> spine, OfflineFlightRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spine);
        ArgumentNullException.ThrowIfNull(request);
        if (request.SpinePath is not null)
        {
            throw new ArgumentException("the request names a server-side spine file (SpinePath): use GetTrainingSetFromServerFileAsync, or clear it to upload the spine", nameof(request));
        }

        CheckSameColumns(spine);
        var ticket = await PutAsync(spine, request, cancellationToken).ConfigureAwait(false);
        return await ReadAndReleaseAsync(ticket.Ticket, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Has the server build the training set from a spine file it can read (<see cref="OfflineFlightRequest.SpinePath"/>;
    /// GetFlightInfo with the request as the descriptor's JSON command), then reads it (DoGet) and releases it.
    /// </summary>
    public async Task<OfflineFlightResult> GetTrainingSetFromServerFileAsync(OfflineFlightRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.SpinePath is null)
        {
            throw new ArgumentException("the request names no SpinePath for the server to read", nameof(request));
        }

        var info = await CallAsync(async () =>
        {
            using var call = flight.GetInfo(FlightDescriptor.CreateCommandDescriptor(request.ToJson()), headers, null, cancellationToken);
            return await call.ResponseAsync.ConfigureAwait(false);
        }).ConfigureAwait(false);
        var endpoint = info.Endpoints.Count == 1
            ? info.Endpoints[0]
            : throw new OfflineFlightException(StatusCode.Internal, $"the server's FlightInfo has {info.Endpoints.Count} endpoints; expected one");
        return await ReadAndReleaseAsync(endpoint.Ticket.Ticket.ToStringUtf8(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The feature services the server offers (ListFlights), each with the Arrow schema of its feature columns.</summary>
    public Task<IReadOnlyList<OfflineFeatureService>> ListFeatureServicesAsync(CancellationToken cancellationToken = default) =>
        CallAsync<IReadOnlyList<OfflineFeatureService>>(async () =>
        {
            using var call = flight.ListFlights(null, headers, null, cancellationToken);
            var services = new List<OfflineFeatureService>();
            while (await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
            {
                var info = call.ResponseStream.Current;
                services.Add(new OfflineFeatureService(info.Descriptor.Paths.Single(), info.Schema));
            }

            return services;
        });

    public void Dispose() => ownedChannel?.Dispose();

    private async Task<OfflineFlightTicket> PutAsync(IReadOnlyList<ArrowRecordBatch> spine, OfflineFlightRequest request, CancellationToken cancellationToken)
    {
        var descriptor = FlightDescriptor.CreateCommandDescriptor(request.ToJson());
        using var call = await CallAsync(() => flight.StartPut(descriptor, spine[0].Schema, headers, null, cancellationToken)).ConfigureAwait(false);

        // A server that refuses the request ends the call early; its status (read below) says why, not the failed write.
        Exception? writeFailure = null;
        try
        {
            foreach (var batch in spine)
            {
                await call.RequestStream.WriteAsync(batch).ConfigureAwait(false);
            }

            await call.RequestStream.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is RpcException or InvalidOperationException or IOException)
        {
            writeFailure = e;
        }

        var reply = await CallAsync(async () =>
            await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false) ? call.ResponseStream.Current : null).ConfigureAwait(false);
        if (writeFailure is not null)
        {
            throw Translate(writeFailure);
        }

        if (reply is null)
        {
            throw new OfflineFlightException(StatusCode.Internal, "the server ended DoPut without a PutResult");
        }

        try
        {
            return OfflineFlightTicket.FromJson(reply.ApplicationMetadata.Span);
        }
        catch (FormatException e)
        {
            throw new OfflineFlightException(StatusCode.Internal, e.Message, e);
        }
    }

    private async Task<OfflineFlightResult> ReadAndReleaseAsync(string ticket, CancellationToken cancellationToken)
    {
        var result = await CallAsync(async () =>
        {
            using var call = flight.GetStream(new FlightTicket(ticket), headers, null, cancellationToken);
            var reader = call.ResponseStream;
            var batches = new List<ArrowRecordBatch>();
            ByteString? manifest = null;
            while (await reader.MoveNext(cancellationToken).ConfigureAwait(false))
            {
                batches.Add(reader.Current);
                if (batches.Count == 1 && reader.ApplicationMetadata.Count > 0)
                {
                    manifest = reader.ApplicationMetadata[0];
                }
            }

            if (manifest is null)
            {
                throw new OfflineFlightException(StatusCode.Internal, $"DoGet of ticket {ticket}: the first batch carried no manifest");
            }

            try
            {
                return new OfflineFlightResult(await reader.Schema.ConfigureAwait(false), batches, FlightManifestJson.Parse(manifest.Span));
            }
            catch (FormatException e)
            {
                throw new OfflineFlightException(StatusCode.Internal, $"DoGet of ticket {ticket}: {e.Message}", e);
            }
        }).ConfigureAwait(false);

        try
        {
            await CallAsync(async () =>
            {
                using var call = flight.DoAction(new FlightAction(OfflineFlightProtocol.ReleaseAction, ticket), headers, null, cancellationToken);
                while (await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
                {
                }

                return true;
            }).ConfigureAwait(false);
        }
        catch (OfflineFlightException e) when (e.Status == StatusCode.NotFound)
        {
            // Already expired or evicted: nothing left to release.
        }

        return result;
    }

    private static Metadata? Headers(string? apiKey) =>
        string.IsNullOrEmpty(apiKey) ? null : new Metadata { { OfflineFlightProtocol.AuthorizationHeader, OfflineFlightProtocol.BearerPrefix + apiKey } };

    private static void CheckSameColumns(IReadOnlyList<ArrowRecordBatch> spine)
    {
        if (spine.Count == 0)
        {
            throw new ArgumentException("the spine has no record batches (send at least one; a zero-row batch is fine)", nameof(spine));
        }

        var expected = Describe(spine[0]);
        for (var i = 1; i < spine.Count; i++)
        {
            if (Describe(spine[i]) is var actual && actual != expected)
            {
                throw new ArgumentException($"spine batch {i} has columns ({actual}) but batch 0 has ({expected}); every batch of one upload needs the same columns", nameof(spine));
            }
        }
    }

    private static string Describe(ArrowRecordBatch batch) =>
        string.Join(", ", batch.Schema.FieldsList.Select(f => $"{f.Name}: {ArrowTypeNames.Describe(f.DataType)}"));

    private static async Task<T> CallAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            throw Translate(e);
        }
    }

    private static OfflineFlightException Translate(Exception e) => e switch
    {
        OfflineFlightException flightError => flightError,
        RpcException rpc => new OfflineFlightException(rpc.StatusCode, rpc.Status.Detail, rpc),
        _ => new OfflineFlightException(StatusCode.Unavailable, e.Message, e),
    };
}
