using System.CommandLine;
using FeatureStore.Offline;

namespace FeatureStore.Cli.Commands;

/// <summary>
/// <c>verify-training-set MANIFEST</c>: whether the spine, source files, training set and view versions still match the
/// manifest. Exit code 0 when unchanged, 2 when something changed (1 stays "error").
/// </summary>
internal static class VerifyTrainingSetCommand
{
    public const int ChangedExitCode = 2;

    public static Command Create()
    {
        var manifest = new Argument<string>("manifest") { Description = "The training set's manifest (OUTPUT.manifest.json), or the training set itself" };
        var command = new Command("verify-training-set", "Check whether a training set's inputs changed since it was built") { manifest };
        command.SetAction(async (parse, ct) =>
        {
            var path = Path.GetFullPath(parse.GetRequiredValue(manifest));
            if (!path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            {
                path = ManifestJson.PathFor(path);
            }

            VerificationResult result;
            try
            {
                result = await ManifestVerifier.VerifyAsync(path, ct).ConfigureAwait(false);
            }
            catch (TrainingSetException e)
            {
                throw new CliUserException(e.Message);
            }

            var output = parse.Out();
            await output.WriteLineAsync(result.Unchanged
                ? $"unchanged: {result.FilesChecked} files and the registry versions match {path}"
                : $"CHANGED: {result.Changes.Count} difference(s) from {path}").ConfigureAwait(false);
            foreach (var change in result.Changes)
            {
                await output.WriteLineAsync($"  changed: {change}").ConfigureAwait(false);
            }

            foreach (var note in result.Notes)
            {
                await output.WriteLineAsync($"  note: {note}").ConfigureAwait(false);
            }

            return result.Unchanged ? 0 : ChangedExitCode;
        });
        return command;
    }
}
