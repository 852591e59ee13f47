using System.Text;
using Apache.Arrow;
using Apache.Arrow.Flight;
using Apache.Arrow.Flight.Client;
using Apache.Arrow.Types;
using FeatureStore.Sdk.Flight;
using Grpc.Core;
using Grpc.Net.Client;
using ArrowRecordBatch = Apache.Arrow.RecordBatch;

namespace FeatureStore.OfflineServing.Tests;

/// <summary>Requests the server refuses: a gRPC status and a message naming what is wrong, and the server keeps serving.</summary>
[Collection(RidesRepoCollection.Name)]
public sealed class FlightErrorTests(RidesRepo repo)
{
    [Theory]
    [InlineData("nope", null, "unknown feature service 'nope' in project 'rides' (services: customer_risk, driver_ranking)")]
    [InlineData(null, "driver_hourly:conv_rate", "unknown feature view 'driver_hourly' in reference 'driver_hourly:conv_rate' (views: customer_profile, driver_embedding, driver_hourly_stats)")]
    [InlineData(null, "driver_hourly_stats:speed", "feature view 'driver_hourly_stats' has no feature 'speed' (reference 'driver_hourly_stats:speed'; features: acc_rate, avg_daily_trips, conv_rate, rating)")]
    public async Task Unknown_services_views_and_features_are_NOT_FOUND(string? service, string? reference, string message)
    {
        using var client = new OfflineFlightClient(repo.Address);
        var request = service is null ? OfflineFlightRequest.ForFeatures(reference!) : OfflineFlightRequest.ForFeatureService(service);

        var error = await Assert.ThrowsAsync<OfflineFlightException>(() => client.GetTrainingSetAsync(repo.Spine, request));

        Assert.Equal((StatusCode.NotFound, message), (error.Status, error.Detail));
        await AssertStillServingAsync(client);
    }

    [Theory]
    [InlineData("{\"feature_service\": \"driver_ranking\"", "DoPut: the request is not JSON: ")]
    [InlineData("{\"feature_services\": \"driver_ranking\"}", "DoPut: unknown request field 'feature_services' (fields: features, feature_service, full_feature_names, as_of_created, status_columns, timestamp_column, spine_path, purpose, mask)")]
    [InlineData("{\"features\": [\"driver_embedding:embedding\"], \"feature_service\": \"driver_ranking\"}", "DoPut: the request gives both 'features' and 'feature_service': give one")]
    [InlineData("{\"feature_service\": \"driver_ranking\", \"status_columns\": \"yes\"}", "DoPut: request field 'status_columns' must be true or false; got the string \"yes\"")]
    [InlineData("{}", "DoPut: the request names no features: give 'features' (view:feature references) or 'feature_service'")]
    [InlineData("{\"feature_service\": \"driver_ranking\", \"spine_path\": \"spine.parquet\"}", "DoPut uploads the spine: 'spine_path' (a file the server reads) is for GetFlightInfo")]
    public async Task A_bad_json_request_is_INVALID_ARGUMENT_naming_the_field(string command, string message)
    {
        var (status, detail) = await RawPutAsync(Encoding.UTF8.GetBytes(command), repo.Spine);

        Assert.Equal(StatusCode.InvalidArgument, status);
        Assert.StartsWith(message, detail, StringComparison.Ordinal);
        using var client = new OfflineFlightClient(repo.Address);
        await AssertStillServingAsync(client);
    }

    [Fact]
    public async Task A_spine_without_the_timestamp_column_is_INVALID_ARGUMENT_naming_it()
    {
        using var client = new OfflineFlightClient(repo.Address);

        var error = await Assert.ThrowsAsync<OfflineFlightException>(() =>
            client.GetTrainingSetAsync(repo.Spine, OfflineFlightRequest.ForFeatureService("driver_ranking") with { TimestampColumn = "label_time" }));

        Assert.Equal(StatusCode.InvalidArgument, error.Status);
        Assert.Contains("'label_time'", error.Detail, StringComparison.Ordinal);
        await AssertStillServingAsync(client);
    }

    [Fact]
    public async Task A_spine_column_of_an_unreadable_arrow_type_is_INVALID_ARGUMENT_naming_it()
    {
        using var client = new OfflineFlightClient(repo.Address);
        var durations = new DurationArray.Builder(DurationType.Second).AppendRange(Enumerable.Repeat(5L, repo.Spine.Length)).Build();
        var spine = new ArrowRecordBatch(
            new Schema.Builder().Field(f => f.Name("wait").DataType(DurationType.Second)).Build(), [durations], repo.Spine.Length);
        var withDuration = new ArrowRecordBatch(
            new Schema([.. repo.Spine.Schema.FieldsList, spine.Schema.FieldsList[0]], null), [.. repo.Spine.Arrays, durations], repo.Spine.Length);

        var error = await Assert.ThrowsAsync<OfflineFlightException>(() => client.GetTrainingSetAsync(withDuration, OfflineFlightRequest.ForFeatureService("driver_ranking")));

        Assert.Equal(StatusCode.InvalidArgument, error.Status);
        Assert.Contains("'wait'", error.Detail, StringComparison.Ordinal);
        await AssertStillServingAsync(client);
    }

    [Fact]
    public async Task An_unknown_ticket_a_missing_spine_file_and_an_unknown_action_are_refused()
    {
        using var channel = GrpcChannel.ForAddress(repo.Address);
        var flight = new FlightClient(channel);

        var unknownTicket = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            using var call = flight.GetStream(new FlightTicket("0123"));
            await call.ResponseStream.MoveNext();
        });
        Assert.Equal(StatusCode.NotFound, unknownTicket.StatusCode);
        Assert.StartsWith("no training set under ticket '0123': unknown, released or expired (results are kept 10 minutes, at most 8 at once)", unknownTicket.Status.Detail, StringComparison.Ordinal);

        var missingSpine = OfflineFlightRequest.ForFeatureService("driver_ranking") with { SpinePath = "no/such.parquet" };
        var missingFile = await Assert.ThrowsAsync<RpcException>(() => flight.GetInfo(FlightDescriptor.CreateCommandDescriptor(missingSpine.ToJson())).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, missingFile.StatusCode);
        Assert.Contains(Path.Combine(repo.Dir, "no", "such.parquet"), missingFile.Status.Detail, StringComparison.Ordinal);

        var noSpine = await Assert.ThrowsAsync<RpcException>(() =>
            flight.GetInfo(FlightDescriptor.CreateCommandDescriptor(OfflineFlightRequest.ForFeatureService("driver_ranking").ToJson())).ResponseAsync);
        Assert.Equal((StatusCode.InvalidArgument, "GetFlightInfo builds from a spine file the server reads: give 'spine_path' in the request, or upload the spine with DoPut"),
            (noSpine.StatusCode, noSpine.Status.Detail));

        var unknownService = await Assert.ThrowsAsync<RpcException>(() => flight.GetInfo(FlightDescriptor.CreatePathDescriptor("nope")).ResponseAsync);
        Assert.Equal((StatusCode.NotFound, "no feature service 'nope' in project 'rides'"), (unknownService.StatusCode, unknownService.Status.Detail));

        var unknownAction = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            using var call = flight.DoAction(new FlightAction("drop-all"));
            await call.ResponseStream.MoveNext();
        });
        Assert.Equal((StatusCode.InvalidArgument, "unknown action 'drop-all' (actions: release)"), (unknownAction.StatusCode, unknownAction.Status.Detail));

        using var client = new OfflineFlightClient(repo.Address);
        await AssertStillServingAsync(client);
    }

    /// <summary>DoPut with any command bytes through Apache.Arrow.Flight's own client; the call's final status.</summary>
    private async Task<(StatusCode Status, string Detail)> RawPutAsync(byte[] command, ArrowRecordBatch spine)
    {
        using var channel = GrpcChannel.ForAddress(repo.Address);
        var flight = new FlightClient(channel);
        using var call = await flight.StartPut(FlightDescriptor.CreateCommandDescriptor(command), spine.Schema);
        try
        {
            await call.RequestStream.WriteAsync(spine);
            await call.RequestStream.CompleteAsync();
        }
        catch (Exception e) when (e is RpcException or InvalidOperationException)
        {
            // The server may end the call before the batch is sent; its status below says why.
        }

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext());
        return (error.StatusCode, error.Status.Detail);
    }

    private async Task AssertStillServingAsync(OfflineFlightClient client)
    {
        using var result = await client.GetTrainingSetAsync(repo.Spine, OfflineFlightRequest.ForFeatures("driver_hourly_stats:conv_rate"));
        Assert.Equal(repo.Spine.Length, result.RowCount);
    }
}
