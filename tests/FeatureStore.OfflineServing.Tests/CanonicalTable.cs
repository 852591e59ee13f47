using FeatureStore.Parquet;
using FeatureStore.Parquet.Tests.Interop;
using FeatureStore.Sdk.Arrow;
using ArrowRecordBatch = Apache.Arrow.RecordBatch;
using ParquetRecordBatch = FeatureStore.Parquet.RecordBatch;

namespace FeatureStore.OfflineServing.Tests;

/// <summary>
/// A table's column names and its cells in the canonical text of the interop tests (tests/interop/lib/canonical.mjs), so
/// that training sets read from Parquet, from Arrow or by another implementation compare cell by cell.
/// </summary>
public sealed record CanonicalTable(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    public static CanonicalTable FromParquet(string path)
    {
        using var reader = ParquetFileReader.Open(path);
        return FromBatches([reader.ReadAll()]);
    }

    /// <summary>Arrow batches, read into the project's columns with <see cref="ArrowBatches.FromArrow"/>.</summary>
    public static CanonicalTable FromArrow(IEnumerable<ArrowRecordBatch> batches) => FromBatches([.. batches.Select(ArrowBatches.FromArrow)]);

    /// <summary>The canonical JSON a Node script printed: <c>{"columns": [{"name"}...], "rows": [[...]...]}</c>.</summary>
    public static CanonicalTable FromJson(string json)
    {
        var root = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        return new CanonicalTable(
            [.. root["columns"]!.AsArray().Select(c => c!["name"]!.GetValue<string>())],
            [.. root["rows"]!.AsArray().Select(r => (IReadOnlyList<string>)[.. r!.AsArray().Select(CanonicalJson.Normalize)])]);
    }

    /// <summary>Asserts the same columns and, cell by cell, the same values; a failure names the row and the column.</summary>
    public void AssertSameAs(CanonicalTable expected, string what)
    {
        Assert.Equal(expected.Columns, Columns);
        Assert.True(expected.Rows.Count == Rows.Count, $"{what}: {Rows.Count} rows, the reference has {expected.Rows.Count}");
        for (var r = 0; r < Rows.Count; r++)
        {
            for (var c = 0; c < Columns.Count; c++)
            {
                Assert.True(expected.Rows[r][c] == Rows[r][c], $"{what}: row {r} column {Columns[c]} is {Rows[r][c]}, the reference has {expected.Rows[r][c]}");
            }
        }
    }

    private static CanonicalTable FromBatches(IReadOnlyList<ParquetRecordBatch> batches)
    {
        var schema = batches[0].Schema;
        var rows = new List<IReadOnlyList<string>>();
        foreach (var batch in batches)
        {
            for (var r = 0; r < batch.RowCount; r++)
            {
                rows.Add([.. schema.Fields.Select((f, c) => CanonicalJson.Normalize(CanonicalJson.Value(batch.Columns[c], f.Type, r)))]);
            }
        }

        return new CanonicalTable([.. schema.Fields.Select(f => f.Name)], rows);
    }
}
