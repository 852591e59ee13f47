using Net = global::Parquet;
using NetSchema = global::Parquet.Schema;

namespace FeatureStore.Parquet.Tests.Interop;

/// <summary>
/// Writes <see cref="ParquetNetSamples"/> with Parquet.Net once per configuration "codec_encoding": every codec Parquet.Net
/// offers that the C# reader supports, times Parquet.Net's default encoding (PLAIN, no dictionary) and each encoding it
/// writes on request (dictionary for strings, DELTA_BINARY_PACKED for integers, BYTE_STREAM_SPLIT for floats and integers).
/// 16-bit integers get no DELTA or BYTE_STREAM_SPLIT hint: Parquet.Net 6.1.0 writes those outside the format (Interop README).
/// </summary>
public sealed class ParquetNetWrittenFilesFixture : IDisposable
{
    public const int Rows = 2000;

    public const int RowGroupRows = 700;

    private readonly Dictionary<string, string> _writeErrors = [];

    public ParquetNetWrittenFilesFixture()
    {
        Directory = Path.Combine(Path.GetTempPath(), "fs-parquet-net-written-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        Batch = ParquetNetSamples.Batch(Rows);
        foreach (var name in ConfigurationNames)
        {
            try
            {
                var compression = Enum.Parse<Net.CompressionMethod>(Codec(name).ToString(), ignoreCase: true);
                WriteAsync(PathOf(name), Batch, compression, name.Split('_')[1]).GetAwaiter().GetResult();
            }
            catch (Exception e)
            {
                _writeErrors[name] = $"{e.GetType().Name}: {e.Message}";
            }
        }
    }

    public string Directory { get; }

    public RecordBatch Batch { get; }

    /// <summary>"codec_encoding"; snappy_plain is Parquet.Net's default settings.</summary>
    public static IReadOnlyList<string> ConfigurationNames { get; } =
        (from codec in new[] { "none", "snappy", "gzip", "brotli", "zstd" }
         from encoding in new[] { "plain", "dict", "delta", "bss" }
         select $"{codec}_{encoding}").ToArray();

    public static TheoryData<string> Configurations() => new(ConfigurationNames);

    public static ParquetCompression Codec(string configuration) => Enum.Parse<ParquetCompression>(configuration.Split('_')[0], ignoreCase: true);

    /// <summary>Writes a batch the way every file of the fixture is written; encoding is plain, dict, delta or bss.</summary>
    public static Task WriteAsync(string path, RecordBatch batch, Net.CompressionMethod compression, string encoding) =>
        ParquetNetFileWriter.WriteAsync(path, batch, compression, leaf => Hint(encoding, leaf), RowGroupRows);

    public string PathOf(string configuration) => Path.Combine(Directory, configuration + ".parquet");

    public string? WriteError(string configuration) => _writeErrors.GetValueOrDefault(configuration);

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    private static Net.EncodingHint Hint(string encoding, NetSchema.DataField leaf) => encoding switch
    {
        "dict" => Net.EncodingHint.Dictionary,
        _ when leaf.ClrType == typeof(short) || leaf.ClrType == typeof(ushort) => Net.EncodingHint.Default,
        "delta" => Net.EncodingHint.DeltaBinaryPacked,
        "bss" => Net.EncodingHint.ByteSplitStream,
        _ => Net.EncodingHint.Default,
    };
}
