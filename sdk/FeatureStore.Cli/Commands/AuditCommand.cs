using System.CommandLine;
using System.Globalization;
using FeatureStore.Registry.Storage;
using FeatureStore.Registry.Yaml;
using FeatureStore.Sdk;

namespace FeatureStore.Cli.Commands;

/// <summary>
/// <c>audit [--principal P] [--feature F] [--since 2026-12-01|7d] [--limit N]</c>: the project's audit log, newest first:
/// applies, key and grant changes, PII reads and exports, erasures.
/// </summary>
internal static class AuditCommand
{
    private const int DefaultLimit = 100;

    public static Command Create()
    {
        var principal = new Option<string?>("--principal") { Description = "Only lines of this actor (a principal, or the user who applied)" };
        var feature = new Option<string?>("--feature") { Description = "Only lines about this feature (view:feature, or the bare feature name)" };
        var since = new Option<string?>("--since") { Description = "From this UTC date or time (2026-12-01, 2026-12-01T08:00:00Z), or this far back (7d, 12h)" };
        var limit = new Option<string?>("--limit") { Description = $"At most this many lines (default {DefaultLimit})" };
        var command = new Command("audit", "Show the audit log: who applied, granted, read or exported what, newest first")
        {
            principal, feature, since, limit,
        };
        command.SetAction(async (parse, ct) =>
        {
            var now = DateTimeOffset.UtcNow;
            var query = new AuditQuery(
                parse.GetValue(principal),
                parse.GetValue(feature),
                parse.GetValue(since) is { } sinceText ? Since(sinceText, now) : null,
                parse.GetValue(limit) is { } limitText ? Limit(limitText) : DefaultLimit);
            await using var store = await FeatureStoreSession.OpenAsync(parse.RepoDir(), ct).ConfigureAwait(false);
            var records = await store.QueryAuditAsync(query, ct).ConfigureAwait(false);
            await parse.Out().WriteAsync(records.Count == 0 ? "no audit lines match\n" : Render(records)).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    internal static string Render(IReadOnlyList<AuditRecord> records) => TextTable.Render(
        ["TIME", "ACTOR", "ACTION", "SUBJECT", "COUNT", "DETAIL"],
        records.Select(r => (IReadOnlyList<string>)
        [
            AccessCommands.Time(r.Entry.At), r.Entry.Actor, r.Entry.Action, r.Entry.Subject,
            r.Entry.Count.ToString(CultureInfo.InvariantCulture), r.Entry.Detail,
        ]));

    /// <summary>A UTC date or date-time, or a duration back from <paramref name="now"/>.</summary>
    internal static DateTimeOffset Since(string text, DateTimeOffset now)
    {
        if (DurationParser.TryParse(text, out var back))
            return now - back;
        if (DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
            return at;
        throw new CliUserException(
            $"--since '{text}' is neither a date or time (2026-12-01, 2026-12-01T08:00:00Z) nor a duration back from now (7d, 12h)");
    }

    private static int Limit(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new CliUserException($"--limit '{text}' is not a positive whole number");
}
