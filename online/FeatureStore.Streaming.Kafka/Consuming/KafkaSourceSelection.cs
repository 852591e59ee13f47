using FeatureStore.Registry.Model;

namespace FeatureStore.Streaming.Kafka.Consuming;

/// <summary>Which Kafka-streamed sources a worker reads: those of the selected views, or every one that feeds an online view.</summary>
internal static class KafkaSourceSelection
{
    public static IReadOnlyList<KafkaSource> Select(RegistryDefinitions definitions, IReadOnlyCollection<string>? views)
    {
        if (views is null || views.Count == 0)
        {
            var all = definitions.DataSources
                .Where(s => s.Stream?.Kafka is not null && definitions.FeatureViews.Any(v => v.Source == s.Name && v.Online))
                .Select(s => new KafkaSource(s, s.Stream!.Kafka!, null))
                .ToList();
            return all.Count > 0
                ? all
                : throw new KafkaIngestionException(
                    $"project '{definitions.Project}' has no data source with a kafka stream feeding an online view; add a `stream: {{kind: kafka, ...}}` block to a data source and apply");
        }

        var bySource = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var name in views.Distinct(StringComparer.Ordinal))
        {
            var view = definitions.FeatureViews.FirstOrDefault(v => v.Name == name)
                ?? throw new KafkaIngestionException($"--views: unknown feature view '{name}' (registered: {string.Join(", ", definitions.FeatureViews.Select(v => v.Name))})");
            var source = definitions.DataSources.FirstOrDefault(s => s.Name == view.Source);
            if (source?.Stream?.Kafka is null)
            {
                throw new KafkaIngestionException($"--views: feature view '{name}' reads data source '{view.Source}', which has no kafka stream");
            }

            if (!view.Online)
            {
                throw new KafkaIngestionException($"--views: feature view '{name}' is not online (online: false)");
            }

            if (!bySource.TryGetValue(source.Name, out var list))
            {
                bySource[source.Name] = list = [];
            }

            list.Add(name);
        }

        return [.. bySource.Select(pair =>
        {
            var source = definitions.DataSources.First(s => s.Name == pair.Key);
            return new KafkaSource(source, source.Stream!.Kafka!, pair.Value);
        })];
    }
}
