using FeatureStore.Online;
using FeatureStore.Serving.V1;
using Google.Protobuf;
using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;

namespace FeatureStore.Serving.Features;

/// <summary>Online-store values to wire values.</summary>
internal static class ValueConverter
{
    public static Value ToWire(FeatureValue value) => value.Kind switch
    {
        FeatureValueKind.Int32 => new Value { Int32Val = value.AsInt32() },
        FeatureValueKind.Int64 => new Value { Int64Val = value.AsInt64() },
        FeatureValueKind.Float32 => new Value { FloatVal = value.AsFloat32() },
        FeatureValueKind.Float64 => new Value { DoubleVal = value.AsFloat64() },
        FeatureValueKind.Bool => new Value { BoolVal = value.AsBool() },
        FeatureValueKind.String => new Value { StringVal = value.AsString() },
        FeatureValueKind.Bytes => new Value { BytesVal = UnsafeByteOperations.UnsafeWrap(value.AsBytes()) },
        FeatureValueKind.Timestamp => new Value { TimestampVal = ToTimestamp(value.AsTimestamp().UtcTicks) },
        FeatureValueKind.Float32List => new Value { FloatListVal = FloatList(value.AsFloat32List().Span) },
        FeatureValueKind.Float64List => new Value { DoubleListVal = DoubleList(value.AsFloat64List().Span) },
        _ => new Value(),
    };

    /// <summary>A protobuf Timestamp from UTC ticks, without the DateTime round trip of <see cref="Timestamp.FromDateTimeOffset"/>.</summary>
    public static Timestamp ToTimestamp(long utcTicks)
    {
        var sinceEpoch = utcTicks - DateTime.UnixEpoch.Ticks;
        var seconds = Math.DivRem(sinceEpoch, TimeSpan.TicksPerSecond, out var remainder);
        if (remainder < 0)
        {
            seconds--;
            remainder += TimeSpan.TicksPerSecond;
        }

        return new Timestamp { Seconds = seconds, Nanos = (int)(remainder * 100) };
    }

    private static FloatList FloatList(ReadOnlySpan<float> values)
    {
        var list = new FloatList();
        list.Val.Capacity = values.Length;
        foreach (var v in values)
        {
            list.Val.Add(v);
        }

        return list;
    }

    private static DoubleList DoubleList(ReadOnlySpan<double> values)
    {
        var list = new DoubleList();
        list.Val.Capacity = values.Length;
        foreach (var v in values)
        {
            list.Val.Add(v);
        }

        return list;
    }
}
