using FeatureStore.Registry.Model;

namespace FeatureStore.Sdk.Definitions;

/// <summary>Configures a feature view's data-quality gate: rules per feature and the maximum null fraction.</summary>
public sealed class QualityBuilder
{
    private readonly List<QualityRule> rules = [];
    private double? maxNullFraction;

    internal QualityBuilder()
    {
    }

    /// <summary>The largest share (0..1) of nulls any feature may have in one materialized chunk.</summary>
    public QualityBuilder MaxNullFraction(double fraction)
    {
        maxNullFraction = fraction;
        return this;
    }

    /// <summary>A rule on one feature: not null, inclusive min/max (numeric features), allowed values (string/int/bool features).</summary>
    public QualityBuilder Rule(string feature, bool notNull = false, double? min = null, double? max = null, IReadOnlyList<string>? allowed = null)
    {
        ArgumentNullException.ThrowIfNull(feature);
        rules.Add(new QualityRule(feature, notNull, min, max, allowed is null ? null : [.. allowed]));
        return this;
    }

    internal QualityDefinition Build(QualityPolicy policy) => new(policy, [.. rules], maxNullFraction);
}
