using System.Globalization;
using FeatureStore.Online;
using FeatureStore.Registry.Model;

namespace FeatureStore.Streaming.Validation;

/// <summary>
/// Converts a decoded CLR value to a typed <see cref="FeatureValue"/> of a declared type: exact or widening numeric
/// conversions, integral numbers only for integer types (out of range is an error, never a wrap), strings parsed with the
/// invariant culture, bytes from base64 text, timestamps as in <see cref="EventTimes"/>. Returns null and an error
/// (like <c>expected float64, got "abc"</c>) when the value does not fit.
/// </summary>
internal static class ValueConverter
{
    public static bool TryConvert(object? value, FeatureType type, out FeatureValue result, out string? error)
    {
        error = null;
        result = FeatureValue.Null;
        if (value is null)
            return true;
        switch (type)
        {
            case FeatureType.Int32:
                if (ToInteger(value, out var i32, out error, type) && i32 is >= int.MinValue and <= int.MaxValue)
                {
                    result = FeatureValue.FromInt32((int)i32);
                    return true;
                }

                error ??= $"{Describe(value)} is out of int32 range";
                return false;
            case FeatureType.Int64:
                if (ToInteger(value, out var i64, out error, type))
                {
                    result = FeatureValue.FromInt64(i64);
                    return true;
                }

                return false;
            case FeatureType.Float32:
                if (ToDouble(value, out var f32))
                {
                    var narrowed = (float)f32;
                    if (float.IsInfinity(narrowed) && !double.IsInfinity(f32))
                        return Fail($"{Describe(value)} is out of float32 range", out error);
                    result = FeatureValue.FromFloat32(value is float f ? f : narrowed);
                    return true;
                }

                return Expected(type, value, out error);
            case FeatureType.Float64:
                if (ToDouble(value, out var f64))
                {
                    result = FeatureValue.FromFloat64(f64);
                    return true;
                }

                return Expected(type, value, out error);
            case FeatureType.Bool:
                if (value is bool b || (value is string s && bool.TryParse(s.Trim(), out b)))
                {
                    result = FeatureValue.FromBool(b);
                    return true;
                }

                return Expected(type, value, out error);
            case FeatureType.String:
                if (value is string text)
                {
                    result = FeatureValue.FromString(text);
                    return true;
                }

                return Expected(type, value, out error);
            case FeatureType.Bytes:
                if (value is byte[] bytes)
                {
                    result = FeatureValue.FromBytes(bytes);
                    return true;
                }

                if (value is string base64 && TryBase64(base64, out var decoded))
                {
                    result = FeatureValue.FromBytes(decoded);
                    return true;
                }

                return Expected(type, value, out error);
            case FeatureType.Timestamp:
                if (EventTimes.TryConvert(value, out var instant))
                {
                    result = FeatureValue.FromTimestamp(instant);
                    return true;
                }

                return Expected(type, value, out error);
            case FeatureType.Float32List:
                if (value is float[] floats)
                {
                    result = FeatureValue.FromFloat32List(floats);
                    return true;
                }

                if (value is double[] doubles)
                {
                    var narrowedList = new float[doubles.Length];
                    for (var k = 0; k < doubles.Length; k++)
                    {
                        narrowedList[k] = (float)doubles[k];
                        if (float.IsInfinity(narrowedList[k]) && !double.IsInfinity(doubles[k]))
                            return Fail($"element {k} ({doubles[k].ToString("R", CultureInfo.InvariantCulture)}) is out of float32 range", out error);
                    }

                    result = FeatureValue.FromFloat32List(narrowedList);
                    return true;
                }

                return Expected(type, value, out error);
            case FeatureType.Float64List:
                if (value is double[] wide)
                {
                    result = FeatureValue.FromFloat64List(wide);
                    return true;
                }

                if (value is float[] narrow)
                {
                    result = FeatureValue.FromFloat64List(Array.ConvertAll(narrow, x => (double)x));
                    return true;
                }

                return Expected(type, value, out error);
            default:
                return Fail($"unsupported type {type.Name()}", out error);
        }
    }

    /// <summary>A short rendering of a decoded value for error messages: text quoted, numbers invariant, arrays by length.</summary>
    public static string Describe(object? value) => value switch
    {
        null => "null",
        string s => "\"" + (s.Length > 60 ? s[..60] + "..." : s).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"",
        bool b => b ? "true" : "false",
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToString("O", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("O", CultureInfo.InvariantCulture),
        byte[] bytes => $"bytes[{bytes.Length}]",
        float[] floats => $"float[{floats.Length}]",
        double[] doubles => $"double[{doubles.Length}]",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.GetType().Name,
    };

    private static bool ToInteger(object value, out long result, out string? error, FeatureType type)
    {
        error = null;
        result = 0;
        switch (value)
        {
            case int i:
                result = i;
                return true;
            case long l:
                result = l;
                return true;
            case double or float:
                var d = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                if (double.IsFinite(d) && Math.Floor(d) == d)
                {
                    // 2^63 is representable as a double but not as a long.
                    if (d >= -9.2233720368547758E18 && d < 9.2233720368547758E18)
                    {
                        result = (long)d;
                        return true;
                    }

                    return Fail($"{Describe(value)} is out of {type.Name()} range", out error);
                }

                return Expected(type, value, out error);
            case string s:
                if (long.TryParse(s.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out result))
                    return true;
                if (System.Numerics.BigInteger.TryParse(s.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
                    return Fail($"{Describe(value)} is out of {type.Name()} range", out error);
                return Expected(type, value, out error);
            default:
                return Expected(type, value, out error);
        }
    }

    private static bool ToDouble(object value, out double result)
    {
        switch (value)
        {
            case double d:
                result = d;
                return true;
            case float f:
                result = f;
                return true;
            case int i:
                result = i;
                return true;
            case long l:
                result = l;
                return true;
            case string s:
                return double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out result);
            default:
                result = 0;
                return false;
        }
    }

    private static bool TryBase64(string text, out byte[] bytes)
    {
        var buffer = new byte[(text.Length * 3 / 4) + 3];
        if (Convert.TryFromBase64String(text, buffer, out var written))
        {
            bytes = buffer[..written];
            return true;
        }

        bytes = [];
        return false;
    }

    private static bool Expected(FeatureType type, object value, out string? error) =>
        Fail($"expected {type.Name()}, got {Describe(value)}", out error);

    private static bool Fail(string message, out string? error)
    {
        error = message;
        return false;
    }
}
