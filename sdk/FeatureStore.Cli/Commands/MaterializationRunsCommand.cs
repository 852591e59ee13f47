using System.CommandLine;
using System.Globalization;
using FeatureStore.Registry.Storage;
using FeatureStore.Sdk;

namespace FeatureStore.Cli.Commands;

/// <summary><c>materialization-runs [--view V] [--limit N]</c>: the registry's run records, newest first, and each view's watermarks.</summary>
internal static class MaterializationRunsCommand
{
    public static Command Create()
    {
        var view = new Option<string?>("--view") { Description = "Only this feature view" };
        var limit = new Option<int>("--limit") { Description = "At most this many records", DefaultValueFactory = _ => 20 };
        var command = new Command("materialization-runs", "Show materialization runs and watermarks") { view, limit };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await FeatureStoreSession.OpenAsync(parse.RepoDir(), ct).ConfigureAwait(false);
            var history = await store.GetMaterializationRunsAsync(parse.GetValue(view), parse.GetValue(limit), ct).ConfigureAwait(false);
            await parse.Out().WriteAsync(Render(history.Runs, history.Watermarks)).ConfigureAwait(false);

            return 0;
        });
        return command;
    }

    internal static string Render(IReadOnlyList<MaterializationRunRecord> runs, IReadOnlyList<MaterializationWatermark> marks)
    {
        var runTable = TextTable.Render(
            ["RUN", "VIEW", "STATUS", "READ", "WRITTEN", "SKIPPED OLDER", "QUARANTINED", "WARNED", "NEWEST EVENT", "SECONDS"],
            runs.Select(r => (IReadOnlyList<string>)
            [
                r.RunId, r.View, r.Status.ToString().ToLowerInvariant(), Number(r.RowsRead), Number(r.RowsWritten), Number(r.RowsSkippedOlder),
                Number(r.RowsQuarantined), Number(r.RowsWarned), Time(r.NewestEventWritten),
                r.Duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture),
            ]));
        var markTable = TextTable.Render(
            ["VIEW", "EVENT WATERMARK", "CREATED WATERMARK", "UPDATED"],
            marks.Select(m => (IReadOnlyList<string>)[m.View, Time(m.EventWatermark), Time(m.CreatedWatermark), Time(m.UpdatedAt)]));
        var errors = string.Concat(runs.Where(r => r.Error is not null).Select(r => $"{r.RunId} {r.View}: {r.Error}\n"));
        return $"runs:\n{runTable}\nwatermarks:\n{markTable}" + (errors.Length > 0 ? $"\nerrors:\n{errors}" : "");
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset? value) =>
        value is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "-";
}
