using System.Globalization;

namespace FeatureStore.Online;

/// <summary>
/// How a feature value is judged by a view's quality rules, for the batch gate (materialization) and per record
/// (stream ingestion) alike: the number min/max compare, the text <c>allowed</c> lists hold, and how a bound is printed.
/// </summary>
public static class QualityRuleValues
{
    /// <summary>The value as a number for min/max, or null for kinds those rules do not apply to.</summary>
    public static double? Number(FeatureValue value) => value.Kind switch
    {
        FeatureValueKind.Int32 => value.AsInt32(),
        FeatureValueKind.Int64 => value.AsInt64(),
        FeatureValueKind.Float32 => value.AsFloat32(),
        FeatureValueKind.Float64 => value.AsFloat64(),
        _ => null,
    };

    /// <summary>The value as an <c>allowed</c> list spells it, or null for kinds that rule does not apply to.</summary>
    public static string? AllowedText(FeatureValue value) => value.Kind switch
    {
        FeatureValueKind.String => value.AsString(),
        FeatureValueKind.Int32 => value.AsInt32().ToString(CultureInfo.InvariantCulture),
        FeatureValueKind.Int64 => value.AsInt64().ToString(CultureInfo.InvariantCulture),
        FeatureValueKind.Bool => value.AsBool() ? "true" : "false",
        _ => null,
    };

    /// <summary>A bound or measured number as rule messages print it.</summary>
    public static string Text(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
