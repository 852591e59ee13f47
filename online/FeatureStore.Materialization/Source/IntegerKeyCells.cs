using System.Runtime.CompilerServices;

namespace FeatureStore.Materialization.Source;

/// <summary>The cells of an integer join-key column read as int64, whichever width the file stores.</summary>
internal sealed class IntegerKeyCells(long[]? longs, int[]? ints)
{
    public long this[int row]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => longs is not null ? longs[row] : ints![row];
    }
}
