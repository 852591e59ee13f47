using System.Text.Json.Nodes;
using FeatureStore.Sdk.Arrow;
using FeatureStore.Sdk.Flight;

namespace FeatureStore.OfflineServing.Tests;

/// <summary>
/// The server driven by a Flight client nobody here wrote (tests/interop-grpc/flight-client.mjs: @grpc/grpc-js with
/// Flight.proto, apache-arrow JS for the IPC messages), its values compared cell by cell with the CLI's Parquet output.
/// </summary>
[Collection(RidesRepoCollection.Name)]
public sealed class GrpcJsInteropTests(RidesRepo repo)
{
    [Fact]
    public async Task Grpc_js_uploads_a_spine_and_reads_the_clis_training_set_with_its_manifest()
    {
        var reference = await repo.CliParquetAsync("--feature-service", "driver_ranking", "--status-columns", "--full-feature-names");
        var request = OfflineFlightRequest.ForFeatureService("driver_ranking") with { StatusColumns = true, FullFeatureNames = true };

        var reply = JsonNode.Parse(FlightNodeClient.Run(Target, "put-get", await SpineFileAsync(), System.Text.Encoding.UTF8.GetString(request.ToJson())))!;

        Assert.True(reply["ok"]!.GetValue<bool>(), reply.ToJsonString());
        CanonicalTable.FromJson(reply.ToJsonString()).AssertSameAs(reference, "training set read by grpc-js + apache-arrow");
        Assert.Equal(14, reply["putRows"]!.GetValue<int>());
        Assert.True(reply["manifestOnFirstBatch"]!.GetValue<bool>());
        Assert.True(reply["released"]!.GetValue<bool>());
        var manifest = reply["manifest"]!;
        Assert.Equal($"flight:{reply["ticket"]!.GetValue<string>()}", manifest["output"]!.GetValue<string>());
        Assert.Equal(14, manifest["output_rows"]!.GetValue<int>());
        Assert.Equal(
            ["driver_hourly_stats__conv_rate", "driver_hourly_stats__acc_rate", "driver_hourly_stats__avg_daily_trips", "driver_embedding__embedding"],
            manifest["features"]!.AsArray().Select(f => f!.GetValue<string>()));
    }

    [Fact]
    public async Task Grpc_js_gets_NOT_FOUND_and_INVALID_ARGUMENT_with_the_servers_message()
    {
        var spine = await SpineFileAsync();

        var unknown = JsonNode.Parse(FlightNodeClient.Run(Target, "put-get", spine, "{\"feature_service\": \"nope\"}"))!;
        var badJson = JsonNode.Parse(FlightNodeClient.Run(Target, "put-get", spine, "{\"features\": \"driver_hourly_stats:conv_rate\"}"))!;

        Assert.Equal((5, "unknown feature service 'nope' in project 'rides' (services: customer_risk, driver_ranking)"),
            (unknown["code"]!.GetValue<int>(), unknown["details"]!.GetValue<string>()));
        Assert.Equal((3, "DoPut: request field 'features' must be an array of view:feature strings; got the string \"driver_hourly_stats:conv_rate\""),
            (badJson["code"]!.GetValue<int>(), badJson["details"]!.GetValue<string>()));
    }

    [Fact]
    public void Grpc_js_lists_the_feature_services_with_their_feature_columns()
    {
        var reply = JsonNode.Parse(FlightNodeClient.Run(Target, "list"))!;

        var services = reply["services"]!.AsArray();
        Assert.Equal(["customer_risk", "driver_ranking"], services.Select(s => s!["path"]!.AsArray().Single()!.GetValue<string>()));
        Assert.Equal(
            ["conv_rate: Float32", "acc_rate: Float32", "avg_daily_trips: Int32", "embedding: List<Float32>"],
            services[1]!["fields"]!.AsArray().Select(f => $"{f!["name"]}: {f["type"]}"));
    }

    private string Target => $"{repo.Address.Host}:{repo.Address.Port}";

    private async Task<string> SpineFileAsync()
    {
        var path = Path.Combine(repo.Root, "spine.arrow");
        if (!File.Exists(path))
        {
            await ArrowIpcFiles.WriteAsync(path, [repo.Spine], repo.Spine.Schema);
        }

        return path;
    }
}
