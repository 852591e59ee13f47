using System.Buffers;
using System.Runtime.InteropServices;
using Apache.Arrow;

namespace FeatureStore.Sdk.Arrow;

/// <summary>
/// The first elements of a managed array seen as bytes, so that an <see cref="ArrowBuffer"/> shares a column's array
/// instead of copying it. The array stays alive as long as any Arrow buffer made from it is reachable.
/// </summary>
internal sealed class ArrayByteMemory<T> : MemoryManager<byte>
    where T : unmanaged
{
    private readonly T[] _array;
    private readonly int _count;

    private ArrayByteMemory(T[] array, int count)
    {
        _array = array;
        _count = count;
    }

    /// <summary>An Arrow buffer over <c>array[0..count]</c>, sharing its memory.</summary>
    public static ArrowBuffer Wrap(T[] array, int count)
    {
        ArgumentNullException.ThrowIfNull(array);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, array.Length);
        return count == 0 ? ArrowBuffer.Empty : new ArrowBuffer(new ArrayByteMemory<T>(array, count).Memory);
    }

    public override Span<byte> GetSpan() => MemoryMarshal.AsBytes(_array.AsSpan(0, _count));

    public override unsafe MemoryHandle Pin(int elementIndex = 0)
    {
        // Only the C data interface export pins; IPC writing reads the span.
        ArgumentOutOfRangeException.ThrowIfNegative(elementIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(elementIndex, _count * sizeof(T));
        var handle = GCHandle.Alloc(_array, GCHandleType.Pinned);
        return new MemoryHandle((byte*)handle.AddrOfPinnedObject() + elementIndex, handle);
    }

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
    }
}
