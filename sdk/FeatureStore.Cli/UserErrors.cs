using FeatureStore.Parquet;
using FeatureStore.Registry.Planning;
using FeatureStore.Registry.Storage;
using FeatureStore.Registry.Validation;
using FeatureStore.Sdk;

namespace FeatureStore.Cli;

/// <summary>
/// Which exceptions are the user's to fix (bad input, unreachable servers, conflicts) and how to say so in one line.
/// Anything else is a bug and keeps its stack trace.
/// </summary>
internal static class UserErrors
{
    public const int ExitCode = 1;

    public static string? Describe(Exception e) => e switch
    {
        FeatureStoreException f => CliHints.Message(f),
        CliUserException or DefinitionException or RegistryStoreException or BreakingChangeException or ParquetException => e.Message,
        FileNotFoundException f => $"file not found: {f.FileName ?? f.Message}",
        DirectoryNotFoundException or IOException or UnauthorizedAccessException => e.Message,
        _ => null,
    };

    /// <summary>
    /// Extra lines printed under the error: every definition or source-data problem, when there are more than the
    /// message lists.
    /// </summary>
    public static IEnumerable<string> Details(Exception e) => e switch
    {
        FeatureStoreException { Code: FeatureStoreErrorCode.InvalidDefinitions or FeatureStoreErrorCode.InvalidSourceData, Problems.Count: > DefinitionException.ProblemsInMessage } f => f.Problems.Select(p => p.ToString()),
        DefinitionException d when d.Problems.Count > DefinitionException.ProblemsInMessage => d.Problems.Select(p => p.ToString()),
        _ => [],
    };
}

/// <summary>A mistake in how the CLI was called (a missing file, an unknown name): its message is shown as is.</summary>
internal sealed class CliUserException(string message) : Exception(message);
