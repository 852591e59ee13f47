using FeatureStore.Client;
using FeatureStore.Offline;
using FeatureStore.Serving.Metrics;
using FeatureStore.Serving.V1;

namespace FeatureStore.Serving.Tests;

/// <summary>Training sets (manifests, status columns), the wire, the client and the metrics name statuses alike.</summary>
public sealed class StatusVocabularyTests
{
    [Fact]
    public void EveryTrainingSetStatusHasTheSameMemberAndTheSameWordOnTheWire()
    {
        foreach (var offline in FeatureStatuses.All)
        {
            var wire = Enum.Parse<FieldStatus>(offline.ToString());
            Assert.Equal(offline.Name(), wire.Name());
        }

        var served = Enum.GetValues<FieldStatus>().Where(s => s != FieldStatus.Invalid).Select(s => s.ToString()).Order(StringComparer.Ordinal);
        Assert.Equal(FeatureStatuses.All.Select(s => s.ToString()).Order(StringComparer.Ordinal), served);
    }

    [Fact]
    public void MetricsLabelStatusesWithTheSameWords()
    {
        Assert.Equal(ServedStatuses.Count, Enum.GetValues<ServedStatus>().Length);
        foreach (var served in Enum.GetValues<ServedStatus>())
        {
            var offline = Enum.Parse<FeatureStatus>(served.ToString());
            Assert.Equal(offline.Name(), served.Label());
        }
    }
}
