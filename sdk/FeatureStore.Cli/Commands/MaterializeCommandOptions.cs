using System.CommandLine;

namespace FeatureStore.Cli.Commands;

/// <summary>Options of the materialize commands.</summary>
internal static class MaterializeCommandOptions
{
    public static Option<string?> Views() => new("--views") { Description = "Only these feature views (comma-separated); default all online views" };

    public static Option<double?> MaxRowsPerSecond()
    {
        var option = new Option<double?>("--max-rows-per-second") { Description = "Throttle online writes to this many rows per second" };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double?>() is { } value && value <= 0)
                result.AddError("--max-rows-per-second must be positive");
        });
        return option;
    }

    public static Option<int?> EntitiesPerPartition()
    {
        var option = new Option<int?>("--entities-per-partition")
        {
            Description = "Entities per write partition (the unit recorded for resuming after a crash); default 50000",
        };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is { } value && value <= 0)
                result.AddError("--entities-per-partition must be positive");
        });
        return option;
    }
}
