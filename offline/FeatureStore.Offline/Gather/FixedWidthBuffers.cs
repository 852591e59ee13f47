using System.Runtime.CompilerServices;
using FeatureStore.Parquet;

namespace FeatureStore.Offline;

internal sealed class Int32Buffer(int length) : FeatureBuffer(length)
{
    private readonly int[] _values = new int[length];

    public override Column Slice(int start, int count) => new Int32Column(Range(_values, start, count), SliceValidity(start, count));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void Set(Column source, ParquetType sourceType, int row, int slot) => _values[slot] = ((Int32Column)source).Values[row];
}

internal sealed class Int64Buffer(int length, TimeUnit unit, bool isTimestamp) : FeatureBuffer(length)
{
    private readonly long[] _values = new long[length];

    public override Column Slice(int start, int count) => new Int64Column(Range(_values, start, count), SliceValidity(start, count));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void Set(Column source, ParquetType sourceType, int row, int slot) => _values[slot] = source switch
    {
        Int64Column longs when isTimestamp && unit == TimeUnit.Micros => Micros.FromUnit(longs.Values[row], sourceType.Unit),
        Int64Column longs => longs.Values[row],
        Int32Column ints when sourceType.Kind == ParquetTypeKind.UInt32 => (uint)ints.Values[row],
        Int32Column ints => ints.Values[row],
        _ => throw new InvalidOperationException($"unexpected {source.GetType().Name} for an int64 feature"),
    };
}

internal sealed class FloatBuffer(int length) : FeatureBuffer(length)
{
    private readonly float[] _values = new float[length];

    public override Column Slice(int start, int count) => new FloatColumn(Range(_values, start, count), SliceValidity(start, count));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void Set(Column source, ParquetType sourceType, int row, int slot) => _values[slot] = source switch
    {
        FloatColumn floats => floats.Values[row],
        DoubleColumn doubles => (float)doubles.Values[row],
        _ => throw new InvalidOperationException($"unexpected {source.GetType().Name} for a float32 feature"),
    };
}

internal sealed class DoubleBuffer(int length) : FeatureBuffer(length)
{
    private readonly double[] _values = new double[length];

    public override Column Slice(int start, int count) => new DoubleColumn(Range(_values, start, count), SliceValidity(start, count));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void Set(Column source, ParquetType sourceType, int row, int slot) => _values[slot] = source switch
    {
        DoubleColumn doubles => doubles.Values[row],
        FloatColumn floats => floats.Values[row],
        Int64Column longs => longs.Values[row],
        Int32Column ints when sourceType.Kind == ParquetTypeKind.UInt32 => (uint)ints.Values[row],
        Int32Column ints => ints.Values[row],
        DecimalColumn decimals => decimals.GetDouble(row),
        _ => throw new InvalidOperationException($"unexpected {source.GetType().Name} for a float64 feature"),
    };
}

internal sealed class BooleanBuffer(int length) : FeatureBuffer(length)
{
    private readonly bool[] _values = new bool[length];

    public override Column Slice(int start, int count) => new BooleanColumn(Range(_values, start, count), SliceValidity(start, count));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void Set(Column source, ParquetType sourceType, int row, int slot) => _values[slot] = ((BooleanColumn)source).Values[row];
}
