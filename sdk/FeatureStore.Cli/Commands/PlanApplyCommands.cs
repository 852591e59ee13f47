using System.CommandLine;
using FeatureStore.Offline.Validation;
using FeatureStore.Registry.Planning;
using FeatureStore.Sdk;

namespace FeatureStore.Cli.Commands;

/// <summary>
/// <c>plan</c> shows what <c>apply</c> would change (and warns of sources with no data yet); <c>apply</c> writes it atomically and
/// records who did it. Both refuse definitions the sources' Parquet files cannot feed.
/// </summary>
internal static class PlanApplyCommands
{
    private static readonly Option<bool> AllowBreaking = new("--allow-breaking")
    {
        Description = "Apply breaking changes without bumping the view's version (consumers may break)",
    };

    private static readonly Option<bool> DeleteMissing = new("--delete-missing")
    {
        Description = "Remove registry objects that are no longer declared in the repo",
    };

    public static Command CreatePlan()
    {
        var command = new Command("plan", "Show, per object and field, what apply would add, change or remove, and which changes are breaking")
        {
            AllowBreaking,
            DeleteMissing,
        };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await FeatureStoreSession.OpenAsync(parse.RepoDir(), ct).ConfigureAwait(false);
            var definitions = store.LoadRepoDefinitions();
            var plan = await store.PlanAsync(definitions, Options(parse), ct).ConfigureAwait(false);
            await parse.Out().WriteAsync(PlanPrinter.Render(plan)).ConfigureAwait(false);
            foreach (var warning in (await store.CheckSourceDataAsync(definitions, ct).ConfigureAwait(false)).Where(p => p.Severity == DataProblemSeverity.Warning))
            {
                await parse.Out().WriteLineAsync($"warning: {warning}").ConfigureAwait(false);
            }
            return 0;
        });
        return command;
    }

    public static Command CreateApply()
    {
        var command = new Command("apply", "Apply the repo's definitions to the registry: all changes or none")
        {
            AllowBreaking,
            DeleteMissing,
        };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await FeatureStoreSession.OpenAsync(parse.RepoDir(), ct).ConfigureAwait(false);
            var outcome = await store.ApplyAsync(store.LoadRepoDefinitions(), Options(parse), ct).ConfigureAwait(false);
            await parse.Out().WriteAsync(Render(outcome)).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    /// <summary>The plan that was applied and the revision it produced.</summary>
    internal static string Render(ApplyOutcome outcome) =>
        PlanPrinter.Render(outcome.Plan) + (outcome.Record is { } record
            ? $"applied: project '{record.Project}' is now at revision {record.Revision}"
            : "nothing to apply: the registry already matches the repo") + Environment.NewLine;

    private static ApplyOptions Options(ParseResult parse) => new() { AllowBreaking = parse.GetValue(AllowBreaking), DeleteMissing = parse.GetValue(DeleteMissing) };
}
