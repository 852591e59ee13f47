using System.Runtime.InteropServices;

namespace FeatureStore.Parquet.Writing;

/// <summary>Equality by bit pattern, so dictionary encoding keeps -0.0 apart from 0.0 and NaN payloads intact.</summary>
internal sealed class BitwiseComparer<T> : IEqualityComparer<T>
    where T : unmanaged
{
    public static BitwiseComparer<T> Instance { get; } = new();

    public bool Equals(T x, T y) => MemoryMarshal.AsBytes([x]).SequenceEqual(MemoryMarshal.AsBytes([y]));

    public int GetHashCode(T obj)
    {
        var hash = new HashCode();
        hash.AddBytes(MemoryMarshal.AsBytes([obj]));
        return hash.ToHashCode();
    }
}
