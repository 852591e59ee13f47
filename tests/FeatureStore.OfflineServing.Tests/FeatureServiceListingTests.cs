using Apache.Arrow.Flight;
using Apache.Arrow.Flight.Client;
using FeatureStore.Sdk.Arrow;
using FeatureStore.Sdk.Flight;
using Grpc.Net.Client;

namespace FeatureStore.OfflineServing.Tests;

/// <summary>ListFlights: one flight per feature service, with the schema its training sets' feature columns really have.</summary>
[Collection(RidesRepoCollection.Name)]
public sealed class FeatureServiceListingTests(RidesRepo repo)
{
    [Fact]
    public async Task Each_feature_service_is_listed_with_the_schema_of_its_feature_columns()
    {
        using var client = new OfflineFlightClient(repo.Address);

        var services = await client.ListFeatureServicesAsync();

        Assert.Equal(["customer_risk", "driver_ranking"], services.Select(s => s.Name));
        var ranking = services.Single(s => s.Name == "driver_ranking");
        Assert.Equal(
            ["conv_rate: float", "acc_rate: float", "avg_daily_trips: int32", "embedding: list<item: float>"],
            ranking.FeatureSchema.FieldsList.Select(f => $"{f.Name}: {ArrowTypeNamesOf(f.DataType)}"));

        // The listed schema is the one a training set of the service really has after the spine's columns.
        using var result = await client.GetTrainingSetAsync(repo.Spine, OfflineFlightRequest.ForFeatureService("driver_ranking"));
        var featureFields = result.Schema.FieldsList.Skip(repo.Spine.ColumnCount).ToList();
        Assert.Equal(
            featureFields.Select(f => (f.Name, ArrowTypeNamesOf(f.DataType), f.IsNullable)),
            ranking.FeatureSchema.FieldsList.Select(f => (f.Name, ArrowTypeNamesOf(f.DataType), f.IsNullable)));
        var risk = services.Single(s => s.Name == "customer_risk");
        Assert.Equal(["age", "credit_score", "lifetime_value"], risk.FeatureSchema.FieldsList.Select(f => f.Name));
    }

    [Fact]
    public async Task A_listed_flight_is_a_path_descriptor_without_endpoints_and_GetFlightInfo_of_that_path_repeats_it()
    {
        using var channel = GrpcChannel.ForAddress(repo.Address);
        var flight = new FlightClient(channel);
        var listed = new List<FlightInfo>();
        using (var call = flight.ListFlights())
        {
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
                listed.Add(call.ResponseStream.Current);
            }
        }

        Assert.All(listed, info => Assert.Equal((FlightDescriptorType.Path, 0, -1L), (info.Descriptor.Type, info.Endpoints.Count, info.TotalRecords)));
        var ranking = listed.Single(i => i.Descriptor.Paths.Single() == "driver_ranking");
        var info = await flight.GetInfo(FlightDescriptor.CreatePathDescriptor("driver_ranking")).ResponseAsync;
        Assert.Equal(ranking.Schema.FieldsList.Select(f => f.Name), info.Schema.FieldsList.Select(f => f.Name));
        var schema = await flight.GetSchema(FlightDescriptor.CreatePathDescriptor("customer_risk")).ResponseAsync;
        Assert.Equal(["age", "credit_score", "lifetime_value"], schema.FieldsList.Select(f => f.Name));
    }

    private static string ArrowTypeNamesOf(Apache.Arrow.Types.IArrowType type) => type switch
    {
        Apache.Arrow.Types.ListType list => $"list<item: {ArrowTypeNamesOf(list.ValueDataType)}>",
        _ => type.Name,
    };
}
