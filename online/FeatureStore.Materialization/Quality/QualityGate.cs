using System.Globalization;
using FeatureStore.Materialization.Source;
using FeatureStore.Online;
using FeatureStore.Registry.Model;

namespace FeatureStore.Materialization.Quality;

/// <summary>
/// A view's data-quality rules applied to the rows of one chunk. Per-row rules (not_null, min, max, allowed) name the
/// first rule a row breaks; max_null_fraction is judged over the chunk, and when a feature exceeds it every row whose
/// value of that feature is null is bad.
/// </summary>
internal sealed class QualityGate
{
    private readonly QualityDefinition? quality;
    private readonly (int Index, QualityRule Rule, HashSet<string>? Allowed)[] rules;
    private readonly string[] featureNames;

    public QualityGate(FeatureViewDefinition view)
    {
        quality = view.Quality;
        featureNames = [.. view.Features.Select(f => f.Name)];
        rules = quality is null
            ? []
            : [.. quality.Rules.Select(r => (Array.IndexOf(featureNames, r.Feature), r, r.Allowed is null ? null : new HashSet<string>(r.Allowed, StringComparer.Ordinal)))
                .Where(r => r.Item1 >= 0)];
    }

    public QualityPolicy Policy => quality?.Policy ?? QualityPolicy.Warn;

    /// <summary>
    /// The rows of the chunk (ordinals into <paramref name="rows"/>) that break a rule, each with its reason, in chunk
    /// order (empty when all pass or the view has no rules). Only the ruled features are converted.
    /// </summary>
    public IReadOnlyList<(int Ordinal, SourceRow Row, string Reason)> Check(ScannedRows rows, IReadOnlyList<int> chunk)
    {
        var bad = new List<(int, SourceRow, string)>();
        if (quality is null || chunk.Count == 0)
            return bad;
        var overNull = FeaturesOverNullFraction(rows, chunk);
        if (rules.Length == 0 && overNull.Count == 0)
            return bad;
        foreach (var ordinal in chunk)
        {
            if ((RowReason(rows, ordinal) ?? NullFractionReason(rows, ordinal, overNull)) is { } reason)
                bad.Add((ordinal, rows.ToSourceRow(ordinal), reason));
        }

        return bad;
    }

    private string? RowReason(ScannedRows rows, int ordinal)
    {
        foreach (var (index, rule, allowed) in rules)
        {
            var value = rows.Value(ordinal, index);
            if (value.IsNull)
            {
                if (rule.NotNull)
                    return $"{rule.Feature} is null (rule not_null)";
                continue;
            }

            if ((rule.Min is not null || rule.Max is not null) && Number(value) is { } number)
            {
                if (rule.Min is { } min && (number < min || double.IsNaN(number)))
                    return $"{rule.Feature} = {Text(number)} is below min {Text(min)}";
                if (rule.Max is { } max && (number > max || double.IsNaN(number)))
                    return $"{rule.Feature} = {Text(number)} is above max {Text(max)}";
            }

            if (allowed is not null && AllowedText(value) is { } text && !allowed.Contains(text))
                return $"{rule.Feature} = '{text}' is not one of the allowed values";
        }

        return null;
    }

    private string? NullFractionReason(ScannedRows rows, int ordinal, List<(int Index, double Fraction)> overNull)
    {
        foreach (var (index, fraction) in overNull)
        {
            if (rows.IsNull(ordinal, index))
                return $"{featureNames[index]} is null and {Text(fraction)} of the chunk's rows have it null (max_null_fraction {Text(quality!.MaxNullFraction!.Value)})";
        }

        return null;
    }

    private List<(int, double)> FeaturesOverNullFraction(ScannedRows rows, IReadOnlyList<int> chunk)
    {
        var result = new List<(int, double)>();
        if (quality?.MaxNullFraction is not { } limit)
            return result;
        for (var f = 0; f < featureNames.Length; f++)
        {
            var nulls = 0;
            foreach (var ordinal in chunk)
            {
                if (rows.IsNull(ordinal, f))
                    nulls++;
            }

            var fraction = (double)nulls / chunk.Count;
            if (fraction > limit)
                result.Add((f, fraction));
        }

        return result;
    }

    private static double? Number(FeatureValue value) => value.Kind switch
    {
        FeatureValueKind.Int32 => value.AsInt32(),
        FeatureValueKind.Int64 => value.AsInt64(),
        FeatureValueKind.Float32 => value.AsFloat32(),
        FeatureValueKind.Float64 => value.AsFloat64(),
        _ => null,
    };

    private static string? AllowedText(FeatureValue value) => value.Kind switch
    {
        FeatureValueKind.String => value.AsString(),
        FeatureValueKind.Int32 => value.AsInt32().ToString(CultureInfo.InvariantCulture),
        FeatureValueKind.Int64 => value.AsInt64().ToString(CultureInfo.InvariantCulture),
        FeatureValueKind.Bool => value.AsBool() ? "true" : "false",
        _ => null,
    };

    private static string Text(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
