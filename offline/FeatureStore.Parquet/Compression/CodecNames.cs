namespace FeatureStore.Parquet.Compression;

/// <summary>Codec names as the Parquet spec spells them, for error messages.</summary>
internal static class CodecNames
{
    public static string Of(int codec) => codec switch
    {
        0 => "UNCOMPRESSED",
        1 => "SNAPPY",
        2 => "GZIP",
        3 => "LZO",
        4 => "BROTLI",
        5 => "LZ4",
        6 => "ZSTD",
        7 => "LZ4_RAW",
        _ => $"#{codec}",
    };

    public static bool IsSupported(int codec) => codec is 0 or 1 or 2 or 4 or 6;
}
