using FeatureStore.Online;
using FeatureStore.Registry.Model;

namespace FeatureStore.Streaming.Validation;

/// <summary>
/// A view's per-record quality rules (not_null, min, max, allowed), judged as the materializer's gate judges a row
/// (min/max inclusive, NaN fails both, allowed compares invariant text of string, integer and bool values).
/// max_null_fraction is a property of a batch of rows and is not judged per record. A streamed record breaking a rule is
/// rejected whatever the view's policy, since a record has no batch to quarantine or warn about.
/// </summary>
internal sealed class RecordQuality
{
    private readonly (int Index, QualityRule Rule, HashSet<string>? Allowed)[] rules;

    public RecordQuality(FeatureViewDefinition view)
    {
        var names = view.Features.Select(f => f.Name).ToList();
        rules = view.Quality is null
            ? []
            : [.. view.Quality.Rules.Select(r => (names.IndexOf(r.Feature), r, r.Allowed is null ? null : new HashSet<string>(r.Allowed, StringComparer.Ordinal)))
                .Where(r => r.Item1 >= 0)];
    }

    /// <summary>The first rule the record's view values (view feature order) break, as "quality rule F max 1: 1.7", or null.</summary>
    public string? Check(IReadOnlyList<FeatureValue> values)
    {
        foreach (var (index, rule, allowed) in rules)
        {
            var value = values[index];
            if (value.IsNull)
            {
                if (rule.NotNull)
                    return $"quality rule {rule.Feature} not_null: null";
                continue;
            }

            if (QualityRuleValues.Number(value) is { } number)
            {
                if (rule.Min is { } min && (number < min || double.IsNaN(number)))
                    return $"quality rule {rule.Feature} min {QualityRuleValues.Text(min)}: {value}";
                if (rule.Max is { } max && (number > max || double.IsNaN(number)))
                    return $"quality rule {rule.Feature} max {QualityRuleValues.Text(max)}: {value}";
            }

            if (allowed is not null && QualityRuleValues.AllowedText(value) is { } text && !allowed.Contains(text))
                return $"quality rule {rule.Feature} allowed [{string.Join(", ", rule.Allowed!)}]: {text}";
        }

        return null;
    }
}
