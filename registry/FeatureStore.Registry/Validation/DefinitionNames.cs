using System.Text.RegularExpressions;

namespace FeatureStore.Registry.Validation;

/// <summary>The naming rule shared by every declared name, and small helpers for messages about names.</summary>
public static partial class DefinitionNames
{
    public const string Pattern = "^[a-z_][a-z0-9_]*$";

    public static bool IsIdentifier(string? name) => name is not null && IdentifierRegex().IsMatch(name);

    /// <summary>The message for a name breaking the rule, e.g. "'Driver' is not a valid entity name: ...".</summary>
    public static string InvalidMessage(string what, string name) => name.Length == 0
        ? $"{what} name is empty; names must match {Pattern} (lower-case letters, digits and '_', not starting with a digit)"
        : $"'{name}' is not a valid {what} name; names must match {Pattern} (lower-case letters, digits and '_', not starting with a digit)";

    /// <summary>A short "known: a, b, c" list for "unknown X" messages, cut after a few names.</summary>
    internal static string Known(IEnumerable<string> names)
    {
        const int Shown = 10;
        var sorted = names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (sorted.Count == 0)
        {
            return "none are declared";
        }

        var list = string.Join(", ", sorted.Take(Shown));
        return sorted.Count > Shown ? $"known: {list}, ..." : $"known: {list}";
    }

    [GeneratedRegex(Pattern, RegexOptions.CultureInvariant)]
    private static partial Regex IdentifierRegex();
}
