using System.Security.Cryptography;

namespace FeatureStore.Offline;

/// <summary>What identifies a file's content: path, size, modification time and SHA-256 of the bytes.</summary>
public sealed record FileFingerprint(string Path, long Size, DateTimeOffset ModifiedAt, string Sha256)
{
    public static FileFingerprint Of(string path)
    {
        var info = new FileInfo(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        var hash = Convert.ToHexStringLower(SHA256.HashData(stream));
        return new FileFingerprint(info.FullName, info.Length, new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero), hash);
    }
}
