using System.Text.RegularExpressions;

namespace FeatureStore.Registry.Access;

/// <summary>Principal names: a service or person, lowercase letters, digits, '.', '_', '-' and '@', starting with a letter or digit.</summary>
public static partial class PrincipalNames
{
    public static void Validate(string principal)
    {
        if (string.IsNullOrEmpty(principal) || principal.Length > 128 || !Shape().IsMatch(principal))
        {
            throw new ArgumentException(
                $"principal '{principal}' is not a valid name: use lowercase letters, digits, '.', '_', '-' or '@', starting with a letter or digit (at most 128)");
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._@-]*$")]
    private static partial Regex Shape();
}
