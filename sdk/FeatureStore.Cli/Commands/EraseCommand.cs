using System.CommandLine;
using System.Globalization;
using System.Text;
using FeatureStore.Sdk;
using FeatureStore.Sdk.Erasure;

namespace FeatureStore.Cli.Commands;

/// <summary>
/// <c>erase --entity JOIN_KEY=VALUE [--entity ...] [--dry-run]</c>: an entity's rows out of the online store and the
/// offline Parquet history (<see cref="FeatureStoreSession.EraseEntityAsync(IReadOnlyList{ErasureTarget}, EraseOptions?, CancellationToken)"/>),
/// then what changed: views, online keys, files with row counts, training sets that held it.
/// </summary>
internal static class EraseCommand
{
    public static Command Create()
    {
        var entities = new Option<string[]>("--entity")
        {
            Description = "The entity to erase as JOIN_KEY=VALUE (bytes keys: base64); repeat for more",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "List what would change and change nothing" };
        var command = new Command("erase", "Erase an entity (right to be forgotten): online rows deleted, offline Parquet files rewritten without its rows, audited")
        {
            entities, dryRun,
        };
        command.SetAction(async (parse, ct) =>
        {
            var targets = (parse.GetValue(entities) ?? []).Select(ErasureTarget.Parse).ToList();
            await using var store = await FeatureStoreSession.OpenAsync(parse.RepoDir(), ct).ConfigureAwait(false);
            var report = await store.EraseEntityAsync(targets, new EraseOptions { DryRun = parse.GetValue(dryRun) }, ct).ConfigureAwait(false);
            await parse.Out().WriteAsync(Render(report, store.RepoDir)).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    internal static string Render(ErasureReport report, string repoDir)
    {
        var text = new StringBuilder();
        var entities = string.Join(", ", report.Entities.Select(e => $"{e.JoinKey}={e.Value}"));
        text.AppendLine(report.DryRun ? $"dry run: erasing {entities} would change the following (nothing was changed)" : $"erased {entities}");
        text.AppendLine(CultureInfo.InvariantCulture, $"views: {(report.Views.Count == 0 ? "none" : string.Join(", ", report.Views.Select(View)))}");
        var stored = report.OnlineKeys.Where(k => k.Stored).ToList();
        text.AppendLine(CultureInfo.InvariantCulture, $"online keys {(report.DryRun ? "to delete" : "deleted")}: {stored.Count}");
        foreach (var key in stored)
            text.AppendLine(CultureInfo.InvariantCulture, $"  {key.View}@{key.Version} {key.Key}");
        text.AppendLine(CultureInfo.InvariantCulture, $"files {(report.DryRun ? "to rewrite" : "rewritten")}: {report.Files.Count}, rows {(report.DryRun ? "to remove" : "removed")}: {report.RowsRemoved}");
        foreach (var file in report.Files)
        {
            var what = file.Deleted ? "whole file deleted" : $"{file.RowsRemoved} of {file.Rows} rows";
            text.AppendLine(CultureInfo.InvariantCulture, $"  {Path.GetRelativePath(repoDir, file.Path)}: {what}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"training sets holding it: {report.TrainingSets.Count}{(report.TrainingSets.Count > 0 && !report.DryRun ? " (verify-training-set now reports them changed)" : "")}");
        foreach (var set in report.TrainingSets)
            text.AppendLine(CultureInfo.InvariantCulture, $"  {set.ManifestPath} ({set.Rows} rows)");
        if (report.StrayTempFilesRemoved > 0)
            text.AppendLine(CultureInfo.InvariantCulture, $"temporary files of an interrupted erase removed: {report.StrayTempFilesRemoved}");
        return text.ToString();
    }

    private static string View(ErasedView view) =>
        $"{view.Name}@{view.Version} ({string.Join(", ", view.JoinKeys)}){(view.Online ? "" : " offline only")}";
}
