using System.Text.Json.Nodes;
using FeatureStore.Parquet.Tests.Interop;
using FeatureStore.Sdk.Arrow;

namespace FeatureStore.Sdk.Tests.Arrow;

/// <summary>
/// The Arrow IPC file read by an implementation that shares no code with ours: apache-arrow (JS) through
/// tests/interop/arrow-ipc-read.mjs. Uncompressed only: apache-arrow 21 ships no zstd or LZ4 codec.
/// </summary>
public sealed class ArrowInteropTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("featurestore-arrow-js-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Apache_arrow_js_reads_every_cell_and_type_of_the_ipc_file()
    {
        var sample = ArrowSampleBatch.Create();
        var training = ArrowSampleBatch.TrainingRows(3, firstId: 7);
        var path = Path.Combine(_folder, "train.arrow");
        var json = Path.Combine(_folder, "train.json");
        await ArrowIpcFiles.WriteAsync(path, [ArrowBatches.ToArrow(sample), ArrowBatches.ToArrow(sample)], ArrowBatches.ToArrowSchema(sample.Schema));
        var second = Path.Combine(_folder, "rows.arrow");
        var secondJson = Path.Combine(_folder, "rows.json");
        await ArrowIpcFiles.WriteAsync(second, [ArrowBatches.ToArrow(training)], ArrowBatches.ToArrowSchema(training.Schema));

        NodeScripts.Run(TimeSpan.FromSeconds(60), "arrow-ipc-read.mjs", path, "--out", json);
        NodeScripts.Run(TimeSpan.FromSeconds(60), "arrow-ipc-read.mjs", second, "--out", secondJson);

        var read = JsonNode.Parse(await File.ReadAllTextAsync(json))!.AsObject();
        var types = read["columns"]!.AsArray().ToDictionary(c => c!["name"]!.GetValue<string>(), c => c!["type"]!.GetValue<string>());
        Assert.Equal(sample.Schema.Fields.Select(f => f.Name), types.Keys);
        Assert.Equal("Dictionary<Int8, Utf8>", types["conv_rate__status"]);
        Assert.Equal("Timestamp<MICROSECOND, UTC>", types["ts_us_utc"]);
        Assert.Equal("Timestamp<MILLISECOND>", types["ts_ms_naive"]);
        Assert.Equal("Decimal[38e+10]", types["big"]);
        Assert.Equal("List<Float32>", types["embedding"]);

        var rows = read["rows"]!.AsArray();
        Assert.Equal(2 * sample.RowCount, rows.Count);
        for (var r = 0; r < rows.Count; r++)
        {
            var cells = rows[r]!.AsArray();
            var row = r % sample.RowCount;
            for (var c = 0; c < sample.Columns.Count; c++)
            {
                var expected = CanonicalJson.Normalize(CanonicalJson.Value(sample.Columns[c], sample.Schema[c].Type, row));
                var actual = CanonicalJson.Normalize(cells[c]);
                Assert.True(expected == actual, $"column {sample.Schema[c].Name} row {r}: C# wrote {expected}, apache-arrow read {actual}");
            }
        }

        var trainingRows = JsonNode.Parse(await File.ReadAllTextAsync(secondJson))!["rows"]!.AsArray();
        Assert.Equal(
            ["[\"7\",\"2026-01-01T00:00:00.000000000Z\",null,\"MISSING\"]", "[\"7\",\"2026-01-01T00:00:01.000000000Z\",0.01,\"PRESENT\"]",
                "[\"7\",\"2026-01-01T00:00:02.000000000Z\",0.02,\"PRESENT\"]"],
            trainingRows.Select(CanonicalJson.Normalize));
    }
}
