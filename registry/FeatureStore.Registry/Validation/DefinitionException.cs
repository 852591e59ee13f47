using System.Globalization;

namespace FeatureStore.Registry.Validation;

/// <summary>
/// Definitions that cannot be used. Carries every problem found; <see cref="Exception.Message"/> is one line
/// (the first problem and how many more there are), callers that can print more list <see cref="Problems"/>.
/// </summary>
public sealed class DefinitionException : Exception
{
    public DefinitionException(IReadOnlyList<DefinitionProblem> problems)
        : base(Summarize(problems))
    {
        Problems = problems;
    }

    public DefinitionException(DefinitionProblem problem)
        : this([problem])
    {
    }

    public IReadOnlyList<DefinitionProblem> Problems { get; }

    private static string Summarize(IReadOnlyList<DefinitionProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (problems.Count == 0)
        {
            throw new ArgumentException("a DefinitionException needs at least one problem", nameof(problems));
        }

        var more = problems.Count - 1;
        return more switch
        {
            0 => problems[0].ToString(),
            1 => $"{problems[0]} (and 1 more problem)",
            _ => string.Create(CultureInfo.InvariantCulture, $"{problems[0]} (and {more} more problems)"),
        };
    }
}
