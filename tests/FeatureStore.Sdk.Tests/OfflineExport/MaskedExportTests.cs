using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using FeatureStore.Offline;
using FeatureStore.Parquet.Tests.Interop;
using FeatureStore.Registry.Model;
using FeatureStore.Registry.Storage;
using FeatureStore.Sdk.Offline;

namespace FeatureStore.Sdk.Tests.OfflineExport;

/// <summary>
/// <c>Mask</c>: personal and sensitive values leave as HMAC-SHA256 hashes (lowercase hex of 16 bytes, string columns),
/// read back with DuckDB; equal inputs give equal hashes, nulls stay null, raw values are not in the file's bytes.
/// </summary>
public sealed class MaskedExportTests : IAsyncLifetime
{
    private const string MaskKey = "a-masking-key-of-at-least-32-characters!";
    private GovernedRepo repo = null!;
    private string key = null!;

    public async Task InitializeAsync()
    {
        repo = await GovernedRepo.CreateAsync();
        key = await repo.KeyAsync("churn-trainer");
        await repo.GrantAsync("churn-trainer", PiiClass.Sensitive);
    }

    public async Task DisposeAsync() => await repo.DisposeAsync();

    [Fact]
    public async Task Masked_parquet_holds_keyed_hashes_that_duckdb_reads_and_no_raw_value()
    {
        await using var store = await repo.OpenAsync();
        var options = new HistoricalFeatureOptions { ApiKey = key, Purpose = GovernedRepo.PurposeText };
        var raw = await store.GetHistoricalFeatures(Spine.FromFile(repo.CustomerSpine), GovernedRepo.CustomerFeatures, options).ExecuteAsync();
        var output = Path.Combine(repo.Root, "masked.parquet");
        var manifest = await store.GetHistoricalFeatures(Spine.FromFile(repo.CustomerSpine), GovernedRepo.CustomerFeatures, options with { Mask = true, MaskKey = MaskKey })
            .WriteAsync(output);

        Assert.True(manifest.Masked);
        Assert.Equal(["age", "home_city", "credit_score"], manifest.Features.Where(f => f.Masked).Select(f => f.Column));
        Assert.Equal("int32", manifest.Features.Single(f => f.Column == "age").Type);
        Assert.True((await ManifestVerifier.VerifyAsync(ManifestJson.PathFor(output))).Unchanged);

        var table = ReadWithDuckDb(output);
        Assert.Equal("VARCHAR", table.Type("home_city"));
        Assert.Equal("VARCHAR", table.Type("age"));
        Assert.Equal("DOUBLE", table.Type("lifetime_value"));
        Assert.Equal(raw.RowCount, table.Rows.Count);
        var cities = new HashSet<string>(StringComparer.Ordinal);
        for (var row = 0; row < raw.RowCount; row++)
        {
            var city = raw.GetString(row, "home_city");
            Assert.Equal(city is null ? null : Hmac(city), table.Text(row, "home_city"));
            if (city is not null)
            {
                cities.Add(city);
            }

            Assert.Equal(raw.IsNull(row, "age") ? null : Hmac(raw.GetInt32(row, "age").ToString(CultureInfo.InvariantCulture)), table.Text(row, "age"));
            Assert.Equal(raw.IsNull(row, "credit_score") ? null : Hmac(raw.GetInt32(row, "credit_score").ToString(CultureInfo.InvariantCulture)), table.Text(row, "credit_score"));
            Assert.Equal(raw.GetDouble(row, "lifetime_value"), table.Double(row, "lifetime_value"));
        }

        // Rows 30..39 repeat customers 1..10: equal inputs, equal hashes (and equal cities across customers too).
        Assert.All(Enumerable.Range(0, 10), i => Assert.Equal(table.Text(i, "home_city"), table.Text(30 + i, "home_city")));
        Assert.All(Enumerable.Range(0, raw.RowCount), i => Assert.Matches("^[0-9a-f]{32}$", table.Text(i, "home_city") ?? new string('0', 32)));
        Assert.True(cities.Count < 30, "the sample's Zipf cities repeat across customers");

        var bytes = await File.ReadAllBytesAsync(output);
        Assert.NotEmpty(cities);
        Assert.All(cities, c => Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(c))));

        var line = Assert.Single(await repo.Registry.QueryAuditAsync(repo.Project, new AuditQuery()), a => a.Entry.Detail.EndsWith("masked: yes", StringComparison.Ordinal)).Entry;
        Assert.Equal($"purpose: {GovernedRepo.PurposeText}; output: {output}; masked: yes", line.Detail);
    }

    [Fact]
    public async Task Masked_arrow_files_and_in_memory_tables_hold_the_same_hashes_and_a_missing_or_short_key_is_refused()
    {
        await using var store = await repo.OpenAsync();
        var options = new HistoricalFeatureOptions { ApiKey = key, Purpose = GovernedRepo.PurposeText, Mask = true, MaskKey = MaskKey };
        var inMemory = await store.GetHistoricalFeatures(Spine.FromFile(repo.CustomerSpine), GovernedRepo.CustomerFeatures, options).ExecuteAsync();
        Assert.Equal(["age", "credit_score", "home_city"], inMemory.MaskedColumns.Order(StringComparer.Ordinal));
        var parquet = Path.Combine(repo.Root, "masked-too.parquet");
        await store.GetHistoricalFeatures(Spine.FromFile(repo.CustomerSpine), GovernedRepo.CustomerFeatures, options).WriteAsync(parquet);
        var arrow = Path.Combine(repo.Root, "masked.arrow");
        var manifest = await store.GetHistoricalFeatures(Spine.FromFile(repo.CustomerSpine), GovernedRepo.CustomerFeatures, options).WriteArrowAsync(arrow);
        Assert.True(manifest.Masked);
        var table = ReadWithDuckDb(parquet);
        for (var row = 0; row < inMemory.RowCount; row++)
        {
            Assert.Equal(table.Text(row, "home_city"), inMemory.GetString(row, "home_city"));
            Assert.Equal(table.Text(row, "credit_score"), inMemory.GetString(row, "credit_score"));
        }

        var arrowBytes = await File.ReadAllBytesAsync(arrow);
        Assert.NotEqual(-1, arrowBytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(inMemory.GetString(0, "credit_score")!)));

        foreach (var bad in new[] { "short-key" })
        {
            var error = await Assert.ThrowsAsync<FeatureStoreException>(() =>
                store.GetHistoricalFeatures(Spine.FromFile(repo.CustomerSpine), GovernedRepo.CustomerFeatures, options with { MaskKey = bad }).WriteAsync(Path.Combine(repo.Root, "bad.parquet")));
            Assert.Equal(FeatureStoreErrorCode.InvalidExport, error.Code);
            Assert.Contains("needs at least 32", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(bad, error.Message, StringComparison.Ordinal);
        }

        Assert.False(File.Exists(Path.Combine(repo.Root, "bad.parquet")));
    }

    private static string Hmac(string text) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(MaskKey), Encoding.UTF8.GetBytes(text)).AsSpan(0, 16));

    private DuckTable ReadWithDuckDb(string parquet)
    {
        var dir = Directory.CreateDirectory(Path.Combine(repo.Root, "duckdb-" + Guid.NewGuid().ToString("N"))).FullName;
        NodeScripts.Run(TimeSpan.FromSeconds(60), "read.mjs", "--out-dir", dir, parquet);
        return new DuckTable(JsonNode.Parse(File.ReadAllText(Path.Combine(dir, Path.GetFileName(parquet) + ".duckdb.json")))!);
    }

    /// <summary>The canonical JSON of tests/interop/read.mjs: columns with DuckDB types, rows of canonical values.</summary>
    private sealed class DuckTable(JsonNode json)
    {
        private readonly List<string> names = [.. json["columns"]!.AsArray().Select(c => (string)c!["name"]!)];

        public List<JsonArray> Rows { get; } = [.. json["rows"]!.AsArray().Select(r => r!.AsArray())];

        public string Type(string column) => (string)json["columns"]!.AsArray()[names.IndexOf(column)]!["type"]!;

        public string? Text(int row, string column) => Rows[row][names.IndexOf(column)] is { } value ? (string)value! : null;

        public double Double(int row, string column) => (double)Rows[row][names.IndexOf(column)]!;
    }
}
