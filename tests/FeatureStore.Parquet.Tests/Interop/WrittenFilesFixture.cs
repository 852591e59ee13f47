namespace FeatureStore.Parquet.Tests.Interop;

/// <summary>
/// Writes <see cref="WriterSamples"/> with the C# writer once per configuration (codec x dictionary x data page version),
/// then has DuckDB and parquet-wasm read all of them (one Node process per engine) into canonical JSON files.
/// </summary>
public sealed class WrittenFilesFixture : IDisposable
{
    public const int Rows = 2000;

    private readonly Dictionary<string, string> _writeErrors = [];

    public WrittenFilesFixture()
    {
        Directory = Path.Combine(Path.GetTempPath(), "fs-parquet-written-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        Batch = WriterSamples.Batch(Rows);
        var written = new List<string>();
        foreach (var name in ConfigurationNames)
        {
            try
            {
                using (var writer = ParquetFileWriter.Create(PathOf(name), WriterSamples.Schema, Options(name)))
                {
                    writer.WriteBatch(Batch);
                }

                written.Add(PathOf(name));
            }
            catch (Exception e)
            {
                _writeErrors[name] = $"{e.GetType().Name}: {e.Message}";
            }
        }

        if (written.Count > 0)
        {
            foreach (var engine in new[] { "duckdb", "wasm" })
            {
                NodeScripts.Run(TimeSpan.FromSeconds(120), "read.mjs", ["--engine", engine, "--out-dir", Directory, .. written]);
            }
        }
    }

    public string Directory { get; }

    public RecordBatch Batch { get; }

    /// <summary>Configuration names "codec_dict|plain_v1|v2"; the file is that name plus ".parquet".</summary>
    public static IReadOnlyList<string> ConfigurationNames { get; } =
        (from codec in new[] { "none", "snappy", "gzip", "zstd", "brotli" }
         from dictionary in new[] { "dict", "plain" }
         from version in new[] { "v1", "v2" }
         select $"{codec}_{dictionary}_{version}").ToArray();

    public static TheoryData<string> Configurations() => new(ConfigurationNames);

    public static ParquetWriteOptions Options(string configuration)
    {
        var parts = configuration.Split('_');
        return new ParquetWriteOptions
        {
            Compression = Enum.Parse<ParquetCompression>(parts[0], ignoreCase: true),
            DictionaryEncoding = parts[1] == "dict",
            DataPageVersion = parts[2] == "v2" ? 2 : 1,
            RowGroupSize = 700,
            DataPageSize = 16 * 1024,
        };
    }

    public string PathOf(string configuration) => Path.Combine(Directory, configuration + ".parquet");

    public string? WriteError(string configuration) => _writeErrors.GetValueOrDefault(configuration);

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
