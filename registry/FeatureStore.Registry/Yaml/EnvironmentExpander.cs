using System.Text.RegularExpressions;

namespace FeatureStore.Registry.Yaml;

/// <summary>Expands <c>${NAME}</c> references in settings (e.g. a password in a connection string) from environment variables.</summary>
internal static partial class EnvironmentExpander
{
    /// <summary>The expanded text, and the names of referenced variables that are not set (left unexpanded).</summary>
    public static (string Text, IReadOnlyList<string> Missing) Expand(string text, Func<string, string?>? lookup = null)
    {
        lookup ??= Environment.GetEnvironmentVariable;
        var missing = new List<string>();
        var expanded = Reference().Replace(text, match =>
        {
            var name = match.Groups["name"].Value;
            if (lookup(name) is { } value)
            {
                return value;
            }

            missing.Add(name);
            return match.Value;
        });
        return (expanded, missing);
    }

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Reference();
}
