using FeatureStore.Parquet;

namespace FeatureStore.Offline.Tests;

/// <summary>
/// Randomized property tests: the engine's output, cell by cell, equals DuckDB running the contract as SQL, on data built to
/// hit ties, TTL boundaries, late created timestamps, nulls, duplicates, composite/string keys and hive partitions.
/// Every run also asserts no leakage: no returned row has event_ts &gt; t (nor created_ts &gt; t as known at t).
/// </summary>
public sealed class PointInTimeOracleTests
{
    [Theory]
    [InlineData(1, false, 1L << 30, false, 25, false)]
    [InlineData(2, true, 1L << 30, false, 25, false)]
    [InlineData(3, false, 1L << 30, false, 25, true)]
    [InlineData(4, true, 1L << 30, false, 25, true)]
    [InlineData(5, false, 256L << 10, false, 25, false)]
    [InlineData(6, true, 256L << 10, false, 25, true)]
    [InlineData(7, false, 1L << 30, true, 25, false)]
    [InlineData(8, true, 1L << 30, true, 25, true)]
    [InlineData(9, false, 1L << 30, false, 6000, true)]
    [InlineData(10, true, 512L << 10, false, 6000, false)]
    public void Engine_matches_duckdb_oracle_on_every_cell_and_never_leaks(int seed, bool asOfCreated, long memoryBudget, bool narrowSpine, int drivers, bool buildToFile)
    {
        using var dir = new TempDir();
        var scenario = narrowSpine
            ? RandomScenario.Create(dir.Path, seed, featureRows: 3000, spineRows: 600, firstSpineSlot: 30, lastSpineSlot: 40)
            : drivers > 1000
                // Thousands of spine keys: the sweep sorts them in blocks of keys (more than one key per block).
                ? RandomScenario.Create(dir.Path, seed, featureRows: 30000, spineRows: 6000, drivers: drivers)
                : RandomScenario.Create(dir.Path, seed, featureRows: seed <= 4 ? 1500 : 8000, spineRows: seed <= 4 ? 600 : 2000);
        var request = Engine.Request(dir.Path, scenario.SpinePath) with
        {
            FeatureService = "everything",
            AsOfCreated = asOfCreated,
            MemoryBudgetBytes = memoryBudget,
        };
        var output = dir.File("out/train.parquet");
        TrainingSet trainingSet;
        if (buildToFile)
        {
            // Output columns encoded while the join runs must give the same cells as encoding after it.
            trainingSet = TrainingSetEngine.BuildToFile(RegistrySnapshot.FromDefinitions(scenario.Definitions), request, output).TrainingSet;
        }
        else
        {
            trainingSet = Engine.Build(scenario.Definitions, request);
            TrainingSetWriter.Write(trainingSet, output);
        }

        if (memoryBudget < 1 << 20)
        {
            Assert.Contains(trainingSet.Statistics, s => s.Partitions > 1 && s.SpilledBytes > 0);
        }

        if (narrowSpine)
        {
            // A spine window in the middle of the history exercises every pruning path against the oracle.
            var driver = trainingSet.Statistics.Single(s => s.View == RandomScenario.DriverView);
            Assert.True(driver.RowGroupsRead < driver.RowGroupsTotal, "row groups after the last spine t are skipped");
            Assert.True(driver.RowGroupsKeysOnly > 0, "row groups before every TTL window are read for keys only");
            Assert.Contains(trainingSet.SourceFiles, f => f.View == RandomScenario.CustomerView && !f.Read);
        }

        var actual = ParquetFiles.ReadAll(output);
        var spine = ParquetFiles.ReadAll(scenario.SpinePath);
        var expected = DuckDbOracle.Run(dir.Path, scenario.SpinePath, scenario.OracleViews, asOfCreated);

        Assert.Equal(spine.RowCount, actual.RowCount);
        var mismatches = new List<string>();
        var compared = 0;
        for (var row = 0; row < actual.RowCount; row++)
        {
            foreach (var field in spine.Schema.Fields)
            {
                Assert.Equal(spine[field.Name].GetValue(row) is byte[] b ? System.Text.Encoding.UTF8.GetString(b) : spine[field.Name].GetValue(row),
                    actual[field.Name].GetValue(row) is byte[] a ? System.Text.Encoding.UTF8.GetString(a) : actual[field.Name].GetValue(row));
            }

            var oracle = expected[((Int64Column)actual["row_id"]).Values[row].ToString(System.Globalization.CultureInfo.InvariantCulture)];
            foreach (var feature in scenario.OracleViews.SelectMany(v => v.Features))
            {
                compared++;
                if (!CellComparer.Same(actual[feature], row, oracle.Values[feature]))
                {
                    mismatches.Add($"row {row} {feature}: engine {CellComparer.Show(actual[feature], row)}, oracle {oracle.Values[feature]}");
                }

                var status = ((BinaryColumn)actual[feature + "__status"]).GetString(row);
                if (status != oracle.Statuses[feature])
                {
                    mismatches.Add($"row {row} {feature}__status: engine {status}, oracle {oracle.Statuses[feature]}");
                }
            }
        }

        Assert.True(mismatches.Count == 0, $"{mismatches.Count} mismatches of {compared} cells, first: {string.Join("; ", mismatches.Take(5))}");
        Assert.True(compared >= actual.RowCount * 11);
        var statuses = scenario.OracleViews.SelectMany(v => v.Features)
            .SelectMany(f => Enumerable.Range(0, actual.RowCount).Select(r => ((BinaryColumn)actual[f + "__status"]).GetString(r))).ToHashSet();
        Assert.Equal("MISSING,NULL_VALUE,OUTSIDE_TTL,PRESENT", string.Join(",", statuses.Order()));
        LeakageAssertions.NoFutureValues(actual, ["a_event", "b_event", "c_event"], asOfCreated ? ["a_created", "c_created"] : []);
    }
}
