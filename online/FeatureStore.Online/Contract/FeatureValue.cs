using System.Globalization;
using System.Runtime.InteropServices;

namespace FeatureStore.Online;

/// <summary>
/// One typed feature (or join-key) value: null or one of the registry's feature types. <c>default</c> is
/// <see cref="Null"/>. Scalars live inline (no allocation); strings, bytes and lists hold a reference.
/// Timestamps are UTC instants with tick (100 ns) precision. Equality is by kind and content (lists element-wise,
/// floats by bit pattern so NaN equals NaN).
/// </summary>
public readonly struct FeatureValue : IEquatable<FeatureValue>
{
    private readonly long bits;
    private readonly object? reference;

    private FeatureValue(FeatureValueKind kind, long bits, object? reference)
    {
        Kind = kind;
        this.bits = bits;
        this.reference = reference;
    }

    public FeatureValueKind Kind { get; }

    public bool IsNull => Kind == FeatureValueKind.Null;

    public static FeatureValue Null => default;

    public static FeatureValue FromInt32(int value) => new(FeatureValueKind.Int32, value, null);

    public static FeatureValue FromInt64(long value) => new(FeatureValueKind.Int64, value, null);

    public static FeatureValue FromFloat32(float value) => new(FeatureValueKind.Float32, BitConverter.SingleToInt32Bits(value), null);

    public static FeatureValue FromFloat64(double value) => new(FeatureValueKind.Float64, BitConverter.DoubleToInt64Bits(value), null);

    public static FeatureValue FromBool(bool value) => new(FeatureValueKind.Bool, value ? 1 : 0, null);

    /// <summary>A string value; a null string gives <see cref="Null"/>.</summary>
    public static FeatureValue FromString(string? value) => value is null ? Null : new(FeatureValueKind.String, 0, value);

    /// <summary>A bytes value; a whole array is kept, not copied, so do not change it afterwards.</summary>
    public static FeatureValue FromBytes(ReadOnlyMemory<byte> value) => new(FeatureValueKind.Bytes, 0, WholeArray(value));

    /// <summary>A timestamp; any offset is converted to UTC.</summary>
    public static FeatureValue FromTimestamp(DateTimeOffset value) => new(FeatureValueKind.Timestamp, value.UtcTicks, null);

    /// <summary>A float32 list; a whole array is kept, not copied.</summary>
    public static FeatureValue FromFloat32List(ReadOnlyMemory<float> value) => new(FeatureValueKind.Float32List, 0, WholeArray(value));

    /// <summary>A float64 list; a whole array is kept, not copied.</summary>
    public static FeatureValue FromFloat64List(ReadOnlyMemory<double> value) => new(FeatureValueKind.Float64List, 0, WholeArray(value));

    public int AsInt32() => Kind == FeatureValueKind.Int32 ? (int)bits : throw WrongKind(FeatureValueKind.Int32);

    public long AsInt64() => Kind == FeatureValueKind.Int64 ? bits : throw WrongKind(FeatureValueKind.Int64);

    public float AsFloat32() => Kind == FeatureValueKind.Float32 ? BitConverter.Int32BitsToSingle((int)bits) : throw WrongKind(FeatureValueKind.Float32);

    public double AsFloat64() => Kind == FeatureValueKind.Float64 ? BitConverter.Int64BitsToDouble(bits) : throw WrongKind(FeatureValueKind.Float64);

    public bool AsBool() => Kind == FeatureValueKind.Bool ? bits != 0 : throw WrongKind(FeatureValueKind.Bool);

    public string AsString() => Kind == FeatureValueKind.String ? (string)reference! : throw WrongKind(FeatureValueKind.String);

    public ReadOnlyMemory<byte> AsBytes() => Kind == FeatureValueKind.Bytes ? (byte[])reference! : throw WrongKind(FeatureValueKind.Bytes);

    public DateTimeOffset AsTimestamp() => Kind == FeatureValueKind.Timestamp ? new DateTimeOffset(bits, TimeSpan.Zero) : throw WrongKind(FeatureValueKind.Timestamp);

    public ReadOnlyMemory<float> AsFloat32List() => Kind == FeatureValueKind.Float32List ? (float[])reference! : throw WrongKind(FeatureValueKind.Float32List);

    public ReadOnlyMemory<double> AsFloat64List() => Kind == FeatureValueKind.Float64List ? (double[])reference! : throw WrongKind(FeatureValueKind.Float64List);

    /// <summary>The raw 64-bit payload of a scalar (int, float bits, bool, UTC ticks); used by the codecs.</summary>
    internal long RawBits => bits;

    internal static FeatureValue FromRaw(FeatureValueKind kind, long rawBits) => new(kind, rawBits, null);

    public bool Equals(FeatureValue other)
    {
        if (Kind != other.Kind || bits != other.bits)
            return false;
        return Kind switch
        {
            FeatureValueKind.String => string.Equals(AsString(), other.AsString(), StringComparison.Ordinal),
            FeatureValueKind.Bytes => AsBytes().Span.SequenceEqual(other.AsBytes().Span),
            FeatureValueKind.Float32List => MemoryMarshal.AsBytes(AsFloat32List().Span).SequenceEqual(MemoryMarshal.AsBytes(other.AsFloat32List().Span)),
            FeatureValueKind.Float64List => MemoryMarshal.AsBytes(AsFloat64List().Span).SequenceEqual(MemoryMarshal.AsBytes(other.AsFloat64List().Span)),
            _ => true,
        };
    }

    public override bool Equals(object? obj) => obj is FeatureValue other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Kind);
        hash.Add(bits);
        switch (Kind)
        {
            case FeatureValueKind.String: hash.Add(AsString(), StringComparer.Ordinal); break;
            case FeatureValueKind.Bytes: hash.AddBytes(AsBytes().Span); break;
            case FeatureValueKind.Float32List: hash.AddBytes(MemoryMarshal.AsBytes(AsFloat32List().Span)); break;
            case FeatureValueKind.Float64List: hash.AddBytes(MemoryMarshal.AsBytes(AsFloat64List().Span)); break;
        }
        return hash.ToHashCode();
    }

    public static bool operator ==(FeatureValue left, FeatureValue right) => left.Equals(right);

    public static bool operator !=(FeatureValue left, FeatureValue right) => !left.Equals(right);

    public override string ToString() => Kind switch
    {
        FeatureValueKind.Null => "null",
        FeatureValueKind.Int32 => AsInt32().ToString(CultureInfo.InvariantCulture),
        FeatureValueKind.Int64 => AsInt64().ToString(CultureInfo.InvariantCulture),
        FeatureValueKind.Float32 => AsFloat32().ToString("R", CultureInfo.InvariantCulture),
        FeatureValueKind.Float64 => AsFloat64().ToString("R", CultureInfo.InvariantCulture),
        FeatureValueKind.Bool => AsBool() ? "true" : "false",
        FeatureValueKind.String => AsString(),
        FeatureValueKind.Bytes => Convert.ToHexString(AsBytes().Span),
        FeatureValueKind.Timestamp => AsTimestamp().ToString("O", CultureInfo.InvariantCulture),
        FeatureValueKind.Float32List => "[" + string.Join(", ", AsFloat32List().ToArray().Select(f => f.ToString("R", CultureInfo.InvariantCulture))) + "]",
        FeatureValueKind.Float64List => "[" + string.Join(", ", AsFloat64List().ToArray().Select(f => f.ToString("R", CultureInfo.InvariantCulture))) + "]",
        _ => Kind.ToString(),
    };

    // Holding the array itself (not a boxed ReadOnlyMemory) keeps values allocation-free beyond their payload.
    private static T[] WholeArray<T>(ReadOnlyMemory<T> memory) =>
        MemoryMarshal.TryGetArray(memory, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : memory.ToArray();

    private InvalidOperationException WrongKind(FeatureValueKind wanted) =>
        new($"feature value is {Kind}, not {wanted}");
}
