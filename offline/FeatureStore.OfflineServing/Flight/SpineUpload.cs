using Apache.Arrow;
using FeatureStore.Sdk;
using FeatureStore.Sdk.Offline;
using ArrowRecordBatch = Apache.Arrow.RecordBatch;
using ArrowSchema = Apache.Arrow.Schema;

namespace FeatureStore.OfflineServing.Flight;

/// <summary>A spine uploaded with DoPut (one or more Arrow record batches of one schema) as one in-memory spine.</summary>
internal static class SpineUpload
{
    /// <exception cref="FeatureStoreException"><see cref="FeatureStoreErrorCode.InvalidSpine"/>: no batches, or columns that cannot be joined or read.</exception>
    public static Spine ToSpine(ArrowSchema schema, IReadOnlyList<ArrowRecordBatch> batches, string timestampColumn)
    {
        if (batches.Count == 0)
        {
            throw new FeatureStoreException(FeatureStoreErrorCode.InvalidSpine,
                "the DoPut stream carried a schema but no record batch: send the spine as at least one batch (a zero-row batch is fine)");
        }

        // Zero-row batches add nothing, and Apache.Arrow's concatenation fails on a zero-row string array read from IPC.
        var withRows = batches.Where(b => b.Length > 0).ToList();
        return Spine.FromArrow(withRows.Count switch
        {
            0 => batches[0],
            1 => withRows[0],
            _ => Concatenate(schema, withRows),
        }, timestampColumn);
    }

    private static ArrowRecordBatch Concatenate(ArrowSchema schema, IReadOnlyList<ArrowRecordBatch> batches)
    {
        var columns = new IArrowArray[schema.FieldsList.Count];
        for (var c = 0; c < columns.Length; c++)
        {
            try
            {
                columns[c] = ArrowArrayConcatenator.Concatenate([.. batches.Select(b => b.Column(c))]);
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException or NotImplementedException)
            {
                throw new FeatureStoreException(FeatureStoreErrorCode.InvalidSpine,
                    $"spine column '{schema.FieldsList[c].Name}': its {batches.Count} batches cannot be joined into one column ({e.Message})", e);
            }
        }

        return new ArrowRecordBatch(schema, columns, batches.Sum(b => b.Length));
    }
}
