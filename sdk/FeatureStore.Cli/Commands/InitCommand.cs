using System.CommandLine;
using System.Globalization;
using FeatureStore.Cli.Sample;

namespace FeatureStore.Cli.Commands;

/// <summary><c>init [DIR]</c>: scaffolds a working example feature repo with generated Parquet history.</summary>
internal static class InitCommand
{
    public static Command Create()
    {
        var directory = new Argument<string>("dir")
        {
            Description = "Directory to create (default: feature_repo)",
            DefaultValueFactory = _ => "feature_repo",
        };
        var project = new Option<string>("--project") { Description = "Project name", DefaultValueFactory = _ => "rides" };
        var command = new Command("init", "Create an example feature repo with sample data") { directory, project };
        command.SetAction(async (parse, ct) =>
        {
            var summary = SampleRepo.Create(Path.GetFullPath(parse.GetRequiredValue(directory)), parse.GetRequiredValue(project), DateTimeOffset.UtcNow);
            await parse.Out().WriteAsync(Describe(summary)).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    internal static string Describe(SampleSummary summary) => string.Create(CultureInfo.InvariantCulture, $"""
        created feature repo '{summary.Project}' in {summary.Directory}
          {summary.Rows:N0} rows of history from {summary.HistoryStart:yyyy-MM-dd HH:mm}Z to {summary.HistoryEnd:yyyy-MM-dd HH:mm}Z in data/
          next: featurestore --repo {summary.Directory} plan, then apply

        """);
}
