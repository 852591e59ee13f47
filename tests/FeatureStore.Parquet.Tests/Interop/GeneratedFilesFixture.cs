using System.Text.Json.Nodes;

namespace FeatureStore.Parquet.Tests.Interop;

/// <summary>Runs tests/interop/generate.mjs once into a temp folder: the DuckDB and parquet-wasm files plus expected.json.</summary>
public class GeneratedFilesFixture : IDisposable
{
    private readonly Lazy<CanonicalTable> _expected;

    public GeneratedFilesFixture()
        : this(rows: 4200)
    {
    }

    protected GeneratedFilesFixture(int rows)
    {
        Directory = Path.Combine(Path.GetTempPath(), "fs-parquet-interop-" + Guid.NewGuid().ToString("N"));
        NodeScripts.Run(TimeSpan.FromSeconds(120), "generate.mjs", Directory, "--rows", rows.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _expected = new Lazy<CanonicalTable>(() => CanonicalTable.FromJsonFile(Path.Combine(Directory, "expected.json")));
    }

    public string Directory { get; }

    internal CanonicalTable Expected => _expected.Value;

    public string PathOf(string file) => Path.Combine(Directory, file);

    public IReadOnlyList<string> ManifestFiles() =>
        JsonNode.Parse(File.ReadAllText(PathOf("manifest.json")))!["files"]!.AsArray().Select(f => f!["file"]!.GetValue<string>()).ToArray();

    public void Dispose()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        GC.SuppressFinalize(this);
    }
}
