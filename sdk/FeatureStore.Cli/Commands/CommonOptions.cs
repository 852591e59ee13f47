using System.CommandLine;

namespace FeatureStore.Cli.Commands;

/// <summary>Options shared by several commands.</summary>
internal static class CommonOptions
{
    /// <summary><c>--repo DIR</c>: the feature repo; the current directory when absent. Recursive so it is accepted after any subcommand.</summary>
    public static readonly Option<string> Repo = new("--repo")
    {
        Description = "Feature repo directory (default: the current directory)",
        Recursive = true,
        DefaultValueFactory = _ => Directory.GetCurrentDirectory(),
    };

    public static TextWriter Out(this ParseResult parse) => parse.InvocationConfiguration.Output;

    public static string RepoDir(this ParseResult parse) => Path.GetFullPath(parse.GetValue(Repo) ?? Directory.GetCurrentDirectory());
}
