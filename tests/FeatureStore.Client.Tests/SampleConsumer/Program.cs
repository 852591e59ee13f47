using System.Globalization;
using FeatureStore.Client;

// SampleConsumer http://host:port view:feature join_key int64_value
if (args.Length != 4 || !long.TryParse(args[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var entity))
{
    Console.Error.WriteLine("usage: SampleConsumer http://host:port view:feature join_key int64_value");
    return 2;
}

using var client = new FeatureServingClient(new Uri(args[0]));
Console.WriteLine($"health: {await client.CheckHealthAsync()}");
var feature = args[1];
var result = await client.GetOnlineFeaturesAsync(OnlineFeatureQuery.ForFeatures(feature).WithEntities(args[2], entity), TimeSpan.FromSeconds(5));
var value = result[0, feature[(feature.IndexOf(':', StringComparison.Ordinal) + 1)..]];
Console.WriteLine($"{feature}: {value.Value} ({value.Status.Name()})");
return 0;
