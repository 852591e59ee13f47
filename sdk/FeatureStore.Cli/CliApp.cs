using System.CommandLine;
using FeatureStore.Cli.Commands;
using FeatureStore.Offline.Memory;

namespace FeatureStore.Cli;

/// <summary>
/// The <c>featurestore</c> command line: builds the command tree and is the one error boundary.
/// Every failure a user can cause ends as one line "error: ..." on stderr and a non-zero exit code.
/// </summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var root = BuildRoot();
        var parse = root.Parse(args);
        if (HugePageCommands.Contains(parse.CommandResult.Command.Name))
        {
            TransparentHugePages.AdviseGcHeap();
        }

        var invocation = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        try
        {
            return await parse.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (UserErrors.Describe(e) is { } message)
        {
            await error.WriteLineAsync($"error: {message}").ConfigureAwait(false);
            foreach (var detail in UserErrors.Details(e))
            {
                await error.WriteLineAsync($"  {detail}").ConfigureAwait(false);
            }
            return UserErrors.ExitCode;
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C / SIGTERM: System.CommandLine cancels the command's token; commands record what they finished.
            await error.WriteLineAsync("error: cancelled before the command finished").ConfigureAwait(false);
            return CancelledExitCode;
        }
    }

    // The training-set commands, where first-touch page faults are a large share of the CPU (docs/point-in-time.md,
    // "Memory pages"). The materialize commands stay on default pages (docs/materialization.md, "Memory pages").
    private static readonly HashSet<string> HugePageCommands = new(StringComparer.Ordinal)
    {
        "get-historical-features", "serve-offline",
    };

    /// <summary>The shell's code for a process ended by SIGINT (128 + 2).</summary>
    public const int CancelledExitCode = 130;

    internal static RootCommand BuildRoot()
    {
        var root = new RootCommand("featurestore: define features once; get point-in-time-correct training sets and fresh online values.");
        root.Add(CommonOptions.Repo);
        foreach (var command in RepoCommands.Create())
        {
            root.Add(command);
        }
        root.Add(ParquetCommands.Create());
        return root;
    }
}
