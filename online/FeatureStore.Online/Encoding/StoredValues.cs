using System.Collections;
using System.Collections.Concurrent;
using System.Collections.ObjectModel;

namespace FeatureStore.Online.Encoding;

/// <summary>
/// The values a reader asked for, decoded from the stored row's bytes when indexed. A server reading 100 entities x 50
/// features would otherwise build a <c>FeatureValue?[]</c> per entity and view, about half of what the read allocated
/// (docs/benchmarks.md). <paramref name="offsets"/> holds, from <paramref name="start"/>, where each wanted value starts
/// in <paramref name="row"/> (-1: not stored); <see cref="RowReader"/> checked every value before handing this out.
/// </summary>
internal sealed class StoredValues(byte[] row, int[] offsets, int start, int count) : IReadOnlyList<FeatureValue?>
{
    private static readonly ConcurrentDictionary<int, ReadOnlyCollection<FeatureValue?>> AllNull = new();

    // Strings, bytes and lists allocate when decoded: each is decoded once and kept, boxed, so a reader on another
    // thread sees a whole value or none (scalars are cheaper to re-read than to keep).
    private object?[]? objects;

    public int Count => count;

    public FeatureValue? this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, count);
            var position = offsets[start + index];
            if (position < 0)
                return null;
            if (objects?[index] is FeatureValue kept)
                return kept;
            if (!ValueCodec.TryRead(row, ref position, out var value))
                throw new InvalidOperationException("a stored value checked when the row was read no longer decodes");
            if (value.Kind is FeatureValueKind.String or FeatureValueKind.Bytes or FeatureValueKind.Float32List or FeatureValueKind.Float64List)
            {
                Interlocked.CompareExchange(ref objects, new object?[count], null);
                objects[index] = value;
            }
            return value;
        }
    }

    /// <summary><paramref name="length"/> nulls (a row that is not stored), shared: nobody can change them.</summary>
    public static IReadOnlyList<FeatureValue?> Nulls(int length) =>
        length <= 1024 ? AllNull.GetOrAdd(length, n => new ReadOnlyCollection<FeatureValue?>(new FeatureValue?[n])) : new FeatureValue?[length];

    public IEnumerator<FeatureValue?> GetEnumerator()
    {
        for (var i = 0; i < count; i++)
            yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
