using System.CommandLine;

namespace FeatureStore.Cli.Commands;

/// <summary>The commands that work on a feature repo and its registry.</summary>
internal static class RepoCommands
{
    public static IEnumerable<Command> Create() =>
    [
        InitCommand.Create(),
        PlanApplyCommands.CreatePlan(),
        PlanApplyCommands.CreateApply(),
        ListCommand.Create(),
        DescribeCommand.Create(),
        HistoryCommand.Create(),
        LineageCommand.Create(),
        QuickstartCommand.Create(),
        GetHistoricalFeaturesCommand.Create(),
        VerifyTrainingSetCommand.Create(),
        ServeCommand.Create(),
        ServeOfflineCommand.Create(),
        GetOnlineFeaturesCommand.Create(),
        MaterializeCommand.Create(),
        MaterializeIncrementalCommand.Create(),
        MaterializationRunsCommand.Create(),
        IngestCommand.Create(),
        PushCommand.Create(),
        EraseCommand.Create(),
        AccessCommands.Create(),
        AuditCommand.Create(),
    ];
}
