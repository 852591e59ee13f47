using FeatureStore.Offline;
using ArrowRecordBatch = Apache.Arrow.RecordBatch;
using ArrowSchema = Apache.Arrow.Schema;

namespace FeatureStore.Sdk.Flight;

/// <summary>
/// A training set received over Arrow Flight: its record batches in spine order and the manifest the server sent with the
/// first batch (what it was built from; <c>output.path</c> is <c>flight:TICKET</c>).
/// </summary>
public sealed class OfflineFlightResult : IDisposable
{
    internal OfflineFlightResult(ArrowSchema schema, IReadOnlyList<ArrowRecordBatch> batches, TrainingSetManifest manifest)
    {
        Schema = schema;
        Batches = batches;
        Manifest = manifest;
    }

    public ArrowSchema Schema { get; }

    public IReadOnlyList<ArrowRecordBatch> Batches { get; }

    public long RowCount => Batches.Sum(b => (long)b.Length);

    public TrainingSetManifest Manifest { get; }

    public void Dispose()
    {
        foreach (var batch in Batches)
        {
            batch.Dispose();
        }
    }
}
