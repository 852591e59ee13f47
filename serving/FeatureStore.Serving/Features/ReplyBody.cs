using System.Buffers;

namespace FeatureStore.Serving.Features;

/// <summary>
/// A growable byte buffer rented from <see cref="ArrayPool{T}.Shared"/>: the reply's vectors are encoded into it once,
/// as their statuses are decided, and copied out when gRPC asks for the message. <see cref="Release"/> hands the array
/// back; a buffer never released is simply collected.
/// </summary>
internal sealed class ReplyBody(int initialCapacity)
{
    private byte[]? buffer = ArrayPool<byte>.Shared.Rent(Math.Max(256, initialCapacity));

    public int Position { get; private set; }

    /// <summary>At least <paramref name="count"/> writable bytes at <see cref="Position"/>; <see cref="Advance"/> by what was written.</summary>
    public Span<byte> Reserve(int count)
    {
        var current = Current;
        if (Position + count > current.Length)
        {
            var grown = ArrayPool<byte>.Shared.Rent(Math.Max(current.Length * 2, Position + count));
            current.AsSpan(0, Position).CopyTo(grown);
            ArrayPool<byte>.Shared.Return(current);
            buffer = current = grown;
        }

        return current.AsSpan(Position, count);
    }

    public void Advance(int count) => Position += count;

    public ReadOnlySpan<byte> Slice(int start, int length) => Current.AsSpan(start, length);

    public void Release()
    {
        var released = Interlocked.Exchange(ref buffer, null);
        if (released is not null)
            ArrayPool<byte>.Shared.Return(released);
    }

    private byte[] Current => buffer ?? throw new InvalidOperationException("the reply's buffer was released");
}
