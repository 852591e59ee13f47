using System.CommandLine;
using FeatureStore.Offline;
using FeatureStore.Sdk.Online;

namespace FeatureStore.Cli.Commands;

/// <summary>The options both materialize commands take, and their translation to <see cref="MaterializeOptions"/>.</summary>
internal sealed class MaterializeCommandOptions
{
    private readonly Option<string?> views = new("--views") { Description = "Only these feature views (comma-separated); default all online views" };

    private readonly Option<double?> maxRowsPerSecond = Positive<double?>(
        "--max-rows-per-second", "Throttle online writes to this many rows per second", v => v is <= 0);

    private readonly Option<int?> entitiesPerPartition = Positive<int?>(
        "--entities-per-partition", "Entities per write partition (the unit recorded for resuming after a crash); default 50000", v => v is <= 0);

    private readonly Option<string?> memoryBudget = new("--memory-budget")
    {
        Description = "Memory a view's window may take while it is planned (e.g. 512MB); above it the window is spilled to temp files by entity bucket; default 1GB",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(views);
        command.Options.Add(maxRowsPerSecond);
        command.Options.Add(entitiesPerPartition);
        command.Options.Add(memoryBudget);
    }

    public MaterializeOptions Read(ParseResult parse) => new()
    {
        Views = parse.GetValue(views) is { } text && !string.IsNullOrWhiteSpace(text)
            ? text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : null,
        MaxRowsPerSecond = parse.GetValue(maxRowsPerSecond),
        EntitiesPerPartition = parse.GetValue(entitiesPerPartition),
        MemoryBudgetBytes = parse.GetValue(memoryBudget) is { } budget ? ParseBudget(budget) : null,
    };

    private static long ParseBudget(string text)
    {
        try
        {
            return MemorySize.Parse(text);
        }
        catch (TrainingSetException)
        {
            throw new CliUserException($"--memory-budget '{text}' is not a size: use e.g. 512MB or 2GB");
        }
    }

    private static Option<T> Positive<T>(string name, string description, Func<T?, bool> invalid)
    {
        var option = new Option<T>(name) { Description = description };
        option.Validators.Add(result =>
        {
            if (invalid(result.GetValueOrDefault<T>()))
                result.AddError($"{name} must be positive");
        });
        return option;
    }
}
