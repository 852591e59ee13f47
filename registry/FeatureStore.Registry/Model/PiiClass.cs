namespace FeatureStore.Registry.Model;

/// <summary>How much personal data a feature carries. Spelled none / personal / sensitive in definitions.</summary>
public enum PiiClass
{
    /// <summary>No personal data.</summary>
    None,

    /// <summary>Identifies or describes a person (e.g. age, city).</summary>
    Personal,

    /// <summary>Special-category or financial data (health, religion, card numbers...).</summary>
    Sensitive,
}
