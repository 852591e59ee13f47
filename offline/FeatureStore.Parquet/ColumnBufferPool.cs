using System.Collections.Concurrent;

namespace FeatureStore.Parquet;

/// <summary>
/// Value arrays of decoded fixed-width columns (int32, int64, float, double), for a reader that decodes row group after
/// row group of the same size and is done with each before the next: <see cref="Return(RecordBatch)"/> gives a batch's
/// arrays back and the next decode fills them, so it writes to memory already paged in instead of fresh memory.
/// Arrays are kept by element type and exact length; every decode overwrites all of an array's values. Thread-safe.
/// Set on <see cref="ParquetReadOptions.Buffers"/>.
/// </summary>
public sealed class ColumnBufferPool
{
    private readonly ConcurrentDictionary<(Type Type, int Length), ConcurrentBag<Array>> free = new();

    /// <summary>Arrays held for reuse.</summary>
    public int Count => free.Values.Sum(b => b.Count);

    /// <summary>Gives back the value arrays of <paramref name="batch"/>'s fixed-width columns; the batch must not be read afterwards.</summary>
    public void Return(RecordBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        // A column projected twice may be one object: each array goes back once.
        var seen = new HashSet<Column>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < batch.Schema.Fields.Count; i++)
        {
            if (seen.Add(batch[i]))
                Return(batch[i]);
        }
    }

    /// <summary>Gives back the value array of a fixed-width column (other columns are left to the GC); it must not be read afterwards.</summary>
    public void Return(Column column)
    {
        Array? values = column switch
        {
            Int32Column c => c.Values,
            Int64Column c => c.Values,
            FloatColumn c => c.Values,
            DoubleColumn c => c.Values,
            _ => null,
        };
        if (values is not null)
            free.GetOrAdd((values.GetType().GetElementType()!, values.Length), _ => []).Add(values);
    }

    /// <summary>An array of exactly <paramref name="length"/> values: a returned one, or a new one.</summary>
    internal T[] Rent<T>(int length)
        where T : unmanaged =>
        free.TryGetValue((typeof(T), length), out var bag) && bag.TryTake(out var array) ? (T[])array : new T[length];
}
