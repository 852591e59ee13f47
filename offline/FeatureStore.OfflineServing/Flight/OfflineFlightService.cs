using Apache.Arrow.Flight;
using Apache.Arrow.Flight.Server;
using FeatureStore.OfflineServing.Results;
using FeatureStore.Sdk.Flight;
using FeatureStore.Sdk.Offline;
using Google.Protobuf;
using Grpc.Core;
using ArrowRecordBatch = Apache.Arrow.RecordBatch;

namespace FeatureStore.OfflineServing.Flight;

/// <summary>
/// The Arrow Flight service of <c>featurestore serve-offline</c> (created per call; the state lives in
/// <see cref="OfflineTrainingSets"/>). DoPut: spine up, ticket back. GetFlightInfo: a spine file the server reads, or a
/// feature service's schema. DoGet: the training set, the manifest JSON as app metadata of the first batch.
/// ListFlights: the feature services. DoAction <c>release</c>: drop a kept result. Protocol: docs/arrow.md, "Arrow Flight".
/// </summary>
internal sealed class OfflineFlightService(OfflineTrainingSets sets) : FlightServer
{
    public override Task DoPut(FlightServerRecordBatchStreamReader requestStream, IAsyncStreamWriter<FlightPutResult> responseStream, ServerCallContext context) =>
        FlightErrors.GuardAsync("DoPut", sets.Logger, context.CancellationToken, async () =>
        {
            var request = Request(await ReadUpload(() => requestStream.FlightDescriptor.AsTask()).ConfigureAwait(false), "DoPut");
            if (request.SpinePath is not null)
            {
                throw FlightErrors.InvalidArgument("DoPut uploads the spine: 'spine_path' (a file the server reads) is for GetFlightInfo");
            }

            await CheckNamesAsync(request, context.CancellationToken).ConfigureAwait(false);
            var schema = await ReadUpload(() => requestStream.Schema.AsTask()).ConfigureAwait(false);
            var batches = new List<ArrowRecordBatch>();
            while (await ReadUpload(() => requestStream.MoveNext(context.CancellationToken)).ConfigureAwait(false))
            {
                batches.Add(requestStream.Current);
            }

            var kept = await sets.BuildAsync(SpineUpload.ToSpine(schema, batches, request.TimestampColumn), request, BearerToken.Of(context), context.CancellationToken).ConfigureAwait(false);
            var ticket = new OfflineFlightTicket(kept.Ticket, kept.Table.RowCount, kept.ExpiresAt);
            await responseStream.WriteAsync(new FlightPutResult(ByteString.CopyFrom(ticket.ToJson()))).ConfigureAwait(false);
        });

    public override Task<FlightInfo> GetFlightInfo(FlightDescriptor request, ServerCallContext context) =>
        FlightErrors.GuardAsync("GetFlightInfo", sets.Logger, context.CancellationToken, async () =>
        {
            if (request.Type == FlightDescriptorType.Path)
            {
                var registry = (await sets.Session.ListAsync(context.CancellationToken).ConfigureAwait(false)).Definitions;
                var name = string.Join("/", request.Paths);
                var service = registry.FeatureServices.FirstOrDefault(s => s.Name == name)
                    ?? throw FlightErrors.NotFound($"no feature service '{name}' in project '{registry.Project}'");
                return FeatureServiceFlights.Info(service, registry);
            }

            var trainingSet = Request(request, "GetFlightInfo");
            if (trainingSet.SpinePath is null)
            {
                throw FlightErrors.InvalidArgument("GetFlightInfo builds from a spine file the server reads: give 'spine_path' in the request, or upload the spine with DoPut");
            }

            await CheckNamesAsync(trainingSet, context.CancellationToken).ConfigureAwait(false);
            var path = Path.GetFullPath(trainingSet.SpinePath, sets.Session.RepoDir);
            if (!File.Exists(path))
            {
                throw FlightErrors.NotFound($"spine file not found on the server: {path} ('spine_path' is read relative to the feature repo {sets.Session.RepoDir})");
            }

            var kept = await sets.BuildAsync(Spine.FromFile(path, trainingSet.TimestampColumn), trainingSet, BearerToken.Of(context), context.CancellationToken).ConfigureAwait(false);
            var ticket = new OfflineFlightTicket(kept.Ticket, kept.Table.RowCount, kept.ExpiresAt);
            return new FlightInfo(
                kept.Schema, request, [new FlightEndpoint(new FlightTicket(kept.Ticket), [])], kept.Table.RowCount, -1, ordered: true, ByteString.CopyFrom(ticket.ToJson()));
        });

    public override Task DoGet(FlightTicket ticket, FlightServerRecordBatchStreamWriter responseStream, ServerCallContext context) =>
        FlightErrors.GuardAsync("DoGet", sets.Logger, context.CancellationToken, async () =>
        {
            var kept = Kept(ticket.Ticket.ToStringUtf8(), context);
            await responseStream.SetupStream(kept.Schema).ConfigureAwait(false);
            var manifest = ByteString.CopyFrom(kept.ManifestJson);
            foreach (var batch in kept.Table.Batches(FlightBatches.BatchRows(kept.Table, sets.TargetBatchBytes)))
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                await responseStream.WriteAsync(FlightBatches.ToArrow(batch, kept.Schema), manifest).ConfigureAwait(false);
                manifest = ByteString.Empty;
            }
        });

    public override Task ListFlights(FlightCriteria request, IAsyncStreamWriter<FlightInfo> responseStream, ServerCallContext context) =>
        FlightErrors.GuardAsync("ListFlights", sets.Logger, context.CancellationToken, async () =>
        {
            var registry = (await sets.Session.ListAsync(context.CancellationToken).ConfigureAwait(false)).Definitions;
            foreach (var service in registry.FeatureServices.OrderBy(s => s.Name, StringComparer.Ordinal))
            {
                await responseStream.WriteAsync(FeatureServiceFlights.Info(service, registry)).ConfigureAwait(false);
            }
        });

    public override Task<Apache.Arrow.Schema> GetSchema(FlightDescriptor request, ServerCallContext context) =>
        FlightErrors.GuardAsync("GetSchema", sets.Logger, context.CancellationToken, async () =>
        {
            if (request.Type != FlightDescriptorType.Path)
            {
                throw new RpcException(new Status(StatusCode.Unimplemented, "GetSchema answers for a feature service path; a training set's schema comes with GetFlightInfo or DoGet"));
            }

            var info = await GetFlightInfo(request, context).ConfigureAwait(false);
            return info.Schema;
        });

    public override Task ListActions(IAsyncStreamWriter<FlightActionType> responseStream, ServerCallContext context) =>
        responseStream.WriteAsync(new FlightActionType(OfflineFlightProtocol.ReleaseAction, "Drop the training set kept under the ticket in the body (results also expire on their own)"));

    public override Task DoAction(FlightAction request, IAsyncStreamWriter<FlightResult> responseStream, ServerCallContext context) =>
        FlightErrors.GuardAsync("DoAction", sets.Logger, context.CancellationToken, async () =>
        {
            if (request.Type != OfflineFlightProtocol.ReleaseAction)
            {
                throw FlightErrors.InvalidArgument($"unknown action '{request.Type}' (actions: {OfflineFlightProtocol.ReleaseAction})");
            }

            var ticket = request.Body.ToStringUtf8();
            Kept(ticket, context);
            if (!sets.Results.Release(ticket))
            {
                throw NoSuchTicket(ticket);
            }

            await responseStream.WriteAsync(new FlightResult("released")).ConfigureAwait(false);
        });

    public override Task Handshake(IAsyncStreamReader<FlightHandshakeRequest> requestStream, IAsyncStreamWriter<FlightHandshakeResponse> responseStream, ServerCallContext context) =>
        throw new RpcException(new Status(StatusCode.Unimplemented, "the offline Flight server needs no handshake"));

    public override Task DoExchange(FlightServerRecordBatchStreamReader requestStream, FlightServerRecordBatchStreamWriter responseStream, ServerCallContext context) =>
        throw new RpcException(new Status(StatusCode.Unimplemented, "DoExchange is not offered: upload the spine with DoPut, then DoGet the ticket"));

    private static OfflineFlightRequest Request(FlightDescriptor? descriptor, string method)
    {
        if (descriptor is null || descriptor.Type != FlightDescriptorType.Command)
        {
            throw FlightErrors.InvalidArgument($"{method} needs a command descriptor whose command is the JSON request (features or feature_service, ...)");
        }

        try
        {
            return OfflineFlightRequest.FromJson(descriptor.Command.Span);
        }
        catch (FormatException e)
        {
            throw FlightErrors.InvalidArgument($"{method}: {e.Message}");
        }
    }

    private async Task CheckNamesAsync(OfflineFlightRequest request, CancellationToken cancellationToken) =>
        FeatureServiceFlights.CheckNames(request, (await sets.Session.ListAsync(cancellationToken).ConfigureAwait(false)).Definitions);

    /// <summary>The result under <paramref name="ticket"/>; one built with an API key is only for calls carrying the same key.</summary>
    private KeptTrainingSet Kept(string ticket, ServerCallContext context)
    {
        var kept = sets.Results.TryGet(ticket, out var found) ? found : throw NoSuchTicket(ticket);
        return kept.IsReadableWith(BearerToken.Of(context))
            ? kept
            : throw new RpcException(new Status(StatusCode.PermissionDenied, $"the training set under ticket '{ticket}' was built for another API key: read it with the key that built it"));
    }

    private RpcException NoSuchTicket(string ticket) => FlightErrors.NotFound(
        $"no training set under ticket '{ticket}': unknown, released or expired (results are kept {sets.Results.Lifetime.TotalMinutes:0.#} minutes, at most {sets.Results.MaxCount} at once)");

    /// <summary>Reading the client's stream: bytes that are not an Arrow IPC stream are the client's error, not the server's.</summary>
    private static async Task<T> ReadUpload<T>(Func<Task<T>> read)
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not (RpcException or OperationCanceledException or IOException))
        {
            throw FlightErrors.InvalidArgument($"the DoPut stream is not an Arrow IPC stream with a schema: {e.Message}");
        }
    }
}
