using System.CommandLine;
using FeatureStore.Registry.Planning;
using FeatureStore.Registry.Yaml;

namespace FeatureStore.Cli.Commands;

/// <summary><c>plan</c> shows what <c>apply</c> would change; <c>apply</c> writes it atomically and records who did it.</summary>
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
            var repo = FeatureRepoLoader.Load(parse.RepoDir());
            await using var store = await RegistrySession.OpenAsync(repo.Config, repo.RepoDir, ct).ConfigureAwait(false);
            var state = await store.LoadAsync(repo.Config.Project, ct).ConfigureAwait(false);
            var plan = RegistryPlanner.Plan(repo.Definitions, state, Options(parse));
            await parse.Out().WriteAsync(PlanPrinter.Render(plan)).ConfigureAwait(false);
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
            var repo = FeatureRepoLoader.Load(parse.RepoDir());
            await using var store = await RegistrySession.OpenAsync(repo.Config, repo.RepoDir, ct).ConfigureAwait(false);
            var outcome = await RegistryApplier.ApplyAsync(store, repo.Definitions, Options(parse), RegistrySession.Actor(), ct).ConfigureAwait(false);
            var output = parse.Out();
            await output.WriteAsync(PlanPrinter.Render(outcome.Plan)).ConfigureAwait(false);
            await output.WriteLineAsync(outcome.Record is { } record
                ? $"applied: project '{record.Project}' is now at revision {record.Revision}"
                : "nothing to apply: the registry already matches the repo").ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static PlanOptions Options(ParseResult parse) => new(parse.GetValue(AllowBreaking), parse.GetValue(DeleteMissing));
}
