using System.Runtime.CompilerServices;
using FeatureStore.Parquet;
using FeatureStore.Registry.Model;

namespace FeatureStore.Offline;

/// <summary>
/// One output feature column, one slot per spine row, filled out of order as winning rows are read.
/// Slots never written stay null (the spine row had no winner).
/// </summary>
internal abstract class FeatureBuffer(int length)
{
    public bool[] Valid { get; } = new bool[length];

    public int Length => Valid.Length;

    public static FeatureBuffer Create(FeatureType type, int length) => type switch
    {
        FeatureType.Int32 => new Int32Buffer(length),
        FeatureType.Int64 => new Int64Buffer(length, TimeUnit.Micros, isTimestamp: false),
        FeatureType.Timestamp => new Int64Buffer(length, TimeUnit.Micros, isTimestamp: true),
        FeatureType.Float32 => new FloatBuffer(length),
        FeatureType.Float64 => new DoubleBuffer(length),
        FeatureType.Bool => new BooleanBuffer(length),
        FeatureType.String or FeatureType.Bytes => new BinaryBuffer(length),
        FeatureType.Float32List => new ListBuffer(length, asDouble: false),
        FeatureType.Float64List => new ListBuffer(length, asDouble: true),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>Copies row <paramref name="row"/> of a source column into slot <paramref name="slot"/>; false when the source value is null.</summary>
    // Called once per winner and feature: optimized at once, since tiering leaves it in slow tier-0 code for much of a run.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool CopyFrom(Column source, ParquetType sourceType, int row, int slot)
    {
        if (source.IsNull(row))
        {
            return false;
        }

        Set(source, sourceType, row, slot);
        Valid[slot] = true;
        return true;
    }

    /// <summary>Slots [start, start+count) as a column of the output type.</summary>
    public abstract Column Slice(int start, int count);

    protected abstract void Set(Column source, ParquetType sourceType, int row, int slot);

    protected bool[]? SliceValidity(int start, int count)
    {
        var validity = Valid.AsSpan(start, count);
        return !validity.Contains(false) ? null : Range(Valid, start, count);
    }

    /// <summary>A copy of the range; a range covering every slot shares the array (a built training set never changes).</summary>
    protected static T[] Range<T>(T[] values, int start, int count) =>
        start == 0 && count == values.Length ? values : values.AsSpan(start, count).ToArray();
}
