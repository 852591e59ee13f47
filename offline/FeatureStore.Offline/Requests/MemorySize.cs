using System.Globalization;

namespace FeatureStore.Offline;

/// <summary>Parses sizes such as <c>512MB</c>, <c>1GB</c>, <c>64m</c> or a plain byte count (binary units: 1KB = 1024 bytes).</summary>
public static class MemorySize
{
    public static long Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim().ToUpperInvariant();
        var (number, multiplier) = trimmed switch
        {
            _ when trimmed.EndsWith("GB", StringComparison.Ordinal) => (trimmed[..^2], 1L << 30),
            _ when trimmed.EndsWith("MB", StringComparison.Ordinal) => (trimmed[..^2], 1L << 20),
            _ when trimmed.EndsWith("KB", StringComparison.Ordinal) => (trimmed[..^2], 1L << 10),
            _ when trimmed.EndsWith('G') => (trimmed[..^1], 1L << 30),
            _ when trimmed.EndsWith('M') => (trimmed[..^1], 1L << 20),
            _ when trimmed.EndsWith('K') => (trimmed[..^1], 1L << 10),
            _ when trimmed.EndsWith('B') => (trimmed[..^1], 1L),
            _ => (trimmed, 1L),
        };
        if (!double.TryParse(number.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value <= 0)
        {
            throw new TrainingSetException($"invalid memory size '{text}': use e.g. 512MB or 2GB");
        }

        return (long)(value * multiplier);
    }
}
