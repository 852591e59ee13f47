using FeatureStore.Registry.Model;
using FeatureStore.Registry.Planning;
using FeatureStore.Registry.Storage;
using static FeatureStore.Registry.Tests.Planning.SampleRepo;

namespace FeatureStore.Registry.Tests.Planning;

public sealed class PlanPrinterTests
{
    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void Blocked_plan_shows_each_object_field_verdict_summary_and_how_to_proceed()
    {
        var current = StateOf(Definitions.WithEntity(new EntityDefinition("old", [new JoinKey("old_id", FeatureType.String)])), revision: 3);
        var desired = Definitions
            .WithEntity(new EntityDefinition("rider", [new JoinKey("rider_id", FeatureType.Int64)]))
            .WithView(DriverStats.WithFeature("conv_rate", f => f with { Type = FeatureType.Float64 }) with { Ttl = TimeSpan.FromDays(2) });

        var lines = Lines(PlanPrinter.Render(RegistryPlanner.Plan(desired, current, new PlanOptions())));

        Assert.Equal("Plan for project 'demo' (registry revision 3)", lines[0]);
        Assert.Contains("+ entity rider (new)", lines);
        Assert.Contains("~ feature view driver_stats", lines);
        Assert.Contains("ttl: 1d → 2d  [safe]", lines);
        Assert.Contains(lines, l => l.StartsWith("features.conv_rate.type: float32 → float64  [breaking: feature type changed", StringComparison.Ordinal));
        Assert.Contains("Kept in the registry but not in the repo (pass --delete-missing to remove): entity old", lines);
        Assert.Contains("1 to add, 1 to change, 0 to remove, 1 breaking", lines);
        Assert.Contains(lines, l => l.Contains("bump its `version:`", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("--allow-breaking", StringComparison.Ordinal));
    }

    [Fact]
    public void Removals_and_version_bumps_are_rendered()
    {
        var desired = (Definitions with { FeatureServices = [] })
            .WithView(DriverStats.WithFeature("acc_rate", f => f with { Type = FeatureType.Float64 }) with { Version = 2 });

        var lines = Lines(PlanPrinter.Render(RegistryPlanner.Plan(desired, StateOf(Definitions), new PlanOptions(DeleteMissing: true))));

        Assert.Contains("- feature service driver_ranking", lines);
        Assert.Contains("version: 1 → 2  [safe]", lines);
        Assert.Contains("(breaking changes accepted: the view's version was bumped)", lines);
        Assert.Contains("0 to add, 1 to change, 1 to remove, 1 breaking", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("Blocked", StringComparison.Ordinal));
    }

    [Fact]
    public void Empty_plan_says_there_is_nothing_to_do()
    {
        var text = PlanPrinter.Render(RegistryPlanner.Plan(Definitions, StateOf(Definitions), new PlanOptions()));

        Assert.Contains("No changes", text, StringComparison.Ordinal);
        Assert.Contains("4 unchanged", text, StringComparison.Ordinal);
        Assert.Contains("0 to add, 0 to change, 0 to remove, 0 breaking", text, StringComparison.Ordinal);
    }

    [Fact]
    public void History_shows_revision_utc_time_actor_and_each_change_with_its_version()
    {
        var records = new[]
        {
            new ApplyRecord(2, Project, "bob", new DateTimeOffset(2026, 11, 22, 3, 4, 5, TimeSpan.Zero),
                [new ChangeRecord(ObjectKind.FeatureView, "driver_stats", ChangeType.Changed, 2, "ttl 1d → 2d")]),
            new ApplyRecord(1, Project, "alice", new DateTimeOffset(2026, 11, 22, 5, 0, 0, TimeSpan.FromHours(2)),
                [new ChangeRecord(ObjectKind.Entity, "driver", ChangeType.Added, 1, "new"), new ChangeRecord(ObjectKind.Entity, "old", ChangeType.Removed, 4, "removed")]),
        };

        var lines = Lines(HistoryPrinter.Render(records));

        Assert.Equal(
        [
            "revision 2  2026-11-22T03:04:05Z  bob",
            "~ feature view driver_stats v2: ttl 1d → 2d",
            "revision 1  2026-11-22T03:00:00Z  alice",
            "+ entity driver v1: new",
            "- entity old v4: removed",
        ], lines);
        Assert.Equal("No applies recorded.", HistoryPrinter.Render([]).Trim());
    }
}
