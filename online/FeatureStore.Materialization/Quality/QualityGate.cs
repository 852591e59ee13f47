using FeatureStore.Materialization.Source;
using FeatureStore.Online;
using FeatureStore.Registry.Model;

namespace FeatureStore.Materialization.Quality;

/// <summary>
/// A view's data-quality rules. Per-row rules (not_null, min, max, allowed) are judged as rows are read and name the first
/// rule a row breaks; max_null_fraction is judged per gate bucket (<see cref="GateTally"/>), and when a feature exceeds
/// it every row of that bucket whose value of that feature is null is bad.
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

    public bool HasRowRules => rules.Length > 0;

    /// <summary>The view's max_null_fraction, or null when the rule is absent.</summary>
    public double? MaxNullFraction => quality?.MaxNullFraction;

    /// <summary>
    /// True when the gate judges rows by their feature values (per-row rules or max_null_fraction): the scan must read
    /// them, and an older row may win when a newer one is rejected.
    /// </summary>
    public bool JudgesRows => HasRowRules || MaxNullFraction is not null;

    public int FeatureCount => featureNames.Length;

    /// <summary>The first per-row rule the row breaks (only the ruled features are converted), or null.</summary>
    public string? RowReason(Func<int, FeatureValue>[] converters, int row)
    {
        foreach (var (index, rule, allowed) in rules)
        {
            var value = converters[index](row);
            if (value.IsNull)
            {
                if (rule.NotNull)
                    return $"{rule.Feature} is null (rule not_null)";
                continue;
            }

            if ((rule.Min is not null || rule.Max is not null) && QualityRuleValues.Number(value) is { } number)
            {
                if (rule.Min is { } min && (number < min || double.IsNaN(number)))
                    return $"{rule.Feature} = {QualityRuleValues.Text(number)} is below min {QualityRuleValues.Text(min)}";
                if (rule.Max is { } max && (number > max || double.IsNaN(number)))
                    return $"{rule.Feature} = {QualityRuleValues.Text(number)} is above max {QualityRuleValues.Text(max)}";
            }

            if (allowed is not null && QualityRuleValues.AllowedText(value) is { } text && !allowed.Contains(text))
                return $"{rule.Feature} = '{text}' is not one of the allowed values";
        }

        return null;
    }

    /// <summary>The features of a bucket with <paramref name="rows"/> rows whose null share exceeds max_null_fraction.</summary>
    public IReadOnlyList<(int Feature, double Fraction)> OverNullFraction(long rows, IReadOnlyList<long> nulls)
    {
        var result = new List<(int, double)>();
        if (MaxNullFraction is not { } limit || rows == 0)
            return result;
        for (var f = 0; f < nulls.Count; f++)
        {
            var fraction = (double)nulls[f] / rows;
            if (fraction > limit)
                result.Add((f, fraction));
        }

        return result;
    }

    /// <summary>Why the row is bad under max_null_fraction (null in a feature its bucket has too many nulls of), or null.</summary>
    public string? NullFractionReason(ScannedRows rows, int ordinal, IReadOnlyList<(int Feature, double Fraction)> overNull)
    {
        foreach (var (index, fraction) in overNull)
        {
            if (rows.IsNull(ordinal, index))
                return $"{featureNames[index]} is null and {QualityRuleValues.Text(fraction)} of the chunk's rows have it null (max_null_fraction {QualityRuleValues.Text(quality!.MaxNullFraction!.Value)})";
        }

        return null;
    }
}
