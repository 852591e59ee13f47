using FeatureStore.Materialization;
using FeatureStore.Offline;
using FeatureStore.Online;
using FeatureStore.Registry.Model;
using FeatureStore.Registry.Planning;
using FeatureStore.Registry.Storage;
using FeatureStore.Registry.Validation;
using FeatureStore.Streaming;

namespace FeatureStore.Sdk.Errors;

/// <summary>
/// Turns the components' exceptions into <see cref="FeatureStoreException"/>s (everything else, bugs and cancellation
/// included, passes through). Hints the components word for the command line are reworded for C# callers.
/// </summary>
internal static class FeatureStoreErrors
{
    // How the components spell a way forward (for the CLI) and which hint it is.
    private static readonly (string Phrase, FeatureStoreHint Hint)[] ComponentPhrases =
    [
        ("choose one with --timestamp-column", FeatureStoreHint.TimestampColumn),
        ("use --full-feature-names", FeatureStoreHint.FullFeatureNames),
        ("run 'featurestore apply' first", FeatureStoreHint.ApplyFirst),
    ];

    public static FeatureStoreException? Translate(Exception exception) => exception switch
    {
        FeatureStoreException => null,
        DefinitionException e => new FeatureStoreException(
            FeatureStoreErrorCode.InvalidDefinitions, e.Message, e, [.. e.Problems.Select(p => new FeatureStoreProblem(p.Location, p.Message))]),
        BreakingChangeException e => Breaking(e.Plan, e),
        RegistryConflictException e => new FeatureStoreException(FeatureStoreErrorCode.RegistryConflict, e.Message, e),
        RegistryStoreException e => new FeatureStoreException(FeatureStoreErrorCode.RegistryUnavailable, e.Message, e),
        TrainingSetException e => Reworded(FeatureStoreErrorCode.TrainingSet, e),
        MaterializationException e => Reworded(FeatureStoreErrorCode.Materialization, e),
        OnlineStoreUnavailableException e => new FeatureStoreException(FeatureStoreErrorCode.OnlineStoreUnavailable, e.Message, e),
        OnlineStoreException e => new FeatureStoreException(FeatureStoreErrorCode.InvalidOnlineRequest, e.Message, e),
        StreamIngestionException e => new FeatureStoreException(FeatureStoreErrorCode.Ingestion, e.Message, e),
        _ => null,
    };

    /// <summary>Runs <paramref name="action"/>, translating its user errors.</summary>
    public static T Guard<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (Translate(e) is { } error)
        {
            throw error;
        }
    }

    public static async Task<T> GuardAsync<T>(Func<Task<T>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (Exception e) when (Translate(e) is { } error)
        {
            throw error;
        }
    }

    /// <summary>The first blocking change and what to do, like the registry's refusal but with the C# option.</summary>
    private static FeatureStoreException Breaking(RegistryPlan plan, Exception inner)
    {
        var fields = plan.BlockingBreakingChanges.SelectMany(o => o.Fields.Where(f => f.Breaking).Select(f => (Object: o, Field: f))).ToList();
        if (fields.Count == 0)
        {
            return new FeatureStoreException(FeatureStoreErrorCode.BreakingChange, $"apply of project '{plan.Project}' blocked by breaking changes; {FeatureStoreHint.AllowBreaking.Text()}", inner, hint: FeatureStoreHint.AllowBreaking);
        }

        var (first, field) = fields[0];
        var count = fields.Count == 1 ? "1 breaking change" : $"{fields.Count} breaking changes";
        var hint = first.Kind == ObjectKind.FeatureView && first.Change == ChangeType.Changed ? FeatureStoreHint.BumpVersionOrAllowBreaking : FeatureStoreHint.AllowBreaking;
        var problems = fields.Select(f => new FeatureStoreProblem($"{f.Object.Kind.Label()} '{f.Object.Name}' {f.Field.Path}", f.Field.Reason ?? "breaking")).ToList();
        return new FeatureStoreException(
            FeatureStoreErrorCode.BreakingChange,
            $"apply blocked ({count}): {first.Kind.Label()} '{first.Name}' {field.Path}: {field.Reason}; {hint.Text()}",
            inner,
            problems,
            hint);
    }

    private static FeatureStoreException Reworded(FeatureStoreErrorCode code, Exception inner)
    {
        foreach (var (phrase, hint) in ComponentPhrases)
        {
            if (inner.Message.Contains(phrase, StringComparison.Ordinal))
            {
                return new FeatureStoreException(code, inner.Message.Replace(phrase, hint.Text(), StringComparison.Ordinal), inner, hint: hint);
            }
        }

        return new FeatureStoreException(code, inner.Message, inner);
    }
}
