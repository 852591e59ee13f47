using System.Globalization;

namespace FeatureStore.Registry.Validation;

/// <summary>
/// Definitions that cannot be used. Carries every problem found; <see cref="Exception.Message"/> is one line listing the
/// first <see cref="ProblemsInMessage"/> problems ("location: message", separated by "; ") and "(and N more)" for the rest;
/// callers that can print more list <see cref="Problems"/>.
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

    /// <summary>How many problems the message lists.</summary>
    public const int ProblemsInMessage = 3;

    public IReadOnlyList<DefinitionProblem> Problems { get; }

    private static string Summarize(IReadOnlyList<DefinitionProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (problems.Count == 0)
        {
            throw new ArgumentException("a DefinitionException needs at least one problem", nameof(problems));
        }

        var listed = string.Join("; ", problems.Take(ProblemsInMessage));
        var more = problems.Count - ProblemsInMessage;
        return more > 0 ? string.Create(CultureInfo.InvariantCulture, $"{listed} (and {more} more)") : listed;
    }
}
