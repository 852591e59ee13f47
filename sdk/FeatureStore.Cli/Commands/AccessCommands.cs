using System.CommandLine;
using System.Globalization;
using FeatureStore.Registry.Access;
using FeatureStore.Registry.Model;
using FeatureStore.Registry.Yaml;
using FeatureStore.Sdk;
using FeatureStore.Sdk.Access;

namespace FeatureStore.Cli.Commands;

/// <summary>
/// <c>access key create|list|revoke</c>, <c>access grant</c>, <c>access revoke</c>, <c>access show</c>: principals' API keys
/// (the token is printed once, only its hash is stored) and grants (what a principal may read, up to which PII class,
/// online and/or offline). Every change is a registry commit, so it appears in <c>history</c> and the audit log.
/// </summary>
internal static class AccessCommands
{
    public static Command Create() => new("access", "Manage principals' API keys and grants")
    {
        new Command("key", "Create, list and revoke API keys") { CreateKey(), ListKeys(), RevokeKey() },
        Grant(),
        Revoke(),
        Show(),
    };

    private static Command CreateKey()
    {
        var principal = PrincipalOption();
        var expires = new Option<string?>("--expires") { Description = "Lifetime of the key, e.g. 90d or 12h (default: no expiry)" };
        var command = new Command("create", "Create an API key for a principal; the key is printed once") { principal, expires };
        command.SetAction(async (parse, ct) =>
        {
            var lifetime = parse.GetValue(expires) is { } text ? Duration("--expires", text) : (TimeSpan?)null;
            await using var store = await FeatureStoreSession.OpenAsync(parse.RepoDir(), ct).ConfigureAwait(false);
            var (token, record) = await store.CreateAccessKeyAsync(parse.GetValue(principal)!, lifetime, ct).ConfigureAwait(false);
            await parse.Out().WriteLineAsync(token).ConfigureAwait(false);
            var expiry = record.ExpiresAt is { } at ? $"expires {Time(at)}" : "does not expire";
            await parse.InvocationConfiguration.Error.WriteLineAsync(
                $"created key {record.KeyId} for principal '{record.Principal}' ({expiry}). The key above is shown only once: " +
                $"store it now (only its hash is kept); callers pass it in {FeatureStoreSession.ApiKeyVariable} or as 'authorization: Bearer KEY'.")
                .ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static Command ListKeys()
    {
        var principal = new Option<string?>("--principal") { Description = "Only this principal's keys" };
        var command = new Command("list", "List API keys: id, principal, created, expires, status (never the key)") { principal };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await FeatureStoreSession.OpenAsync(parse.RepoDir(), ct).ConfigureAwait(false);
            var keys = await store.ListAccessKeysAsync(parse.GetValue(principal), ct).ConfigureAwait(false);
            await parse.Out().WriteAsync(keys.Count == 0 ? "no access keys\n" : RenderKeys(keys, withPrincipal: true)).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static Command RevokeKey()
    {
        var keyId = new Argument<string>("key-id") { Description = "The key id (12 hex digits, as `access key list` shows)" };
        var command = new Command("revoke", "Revoke an API key: it stops authenticating") { keyId };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await FeatureStoreSession.OpenAsync(parse.RepoDir(), ct).ConfigureAwait(false);
            var key = await store.RevokeAccessKeyAsync(parse.GetValue(keyId)!, ct).ConfigureAwait(false);
            await parse.Out().WriteLineAsync($"key {key.KeyId} of principal '{key.Principal}' revoked at {Time(key.RevokedAt!.Value)}").ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static Command Grant()
    {
        var principal = PrincipalOption();
        var (service, view) = TargetOptions();
        var pii = new Option<string>("--pii") { Description = "Highest PII class granted: none, personal or sensitive", DefaultValueFactory = _ => "none" };
        var online = new Option<bool>("--online") { Description = "Grant online reads (the feature server)" };
        var offline = new Option<bool>("--offline") { Description = "Grant offline reads (training-set exports)" };
        var command = new Command("grant", "Let a principal read a feature service's or view's features (neither --online nor --offline: both)")
        {
            principal, service, view, pii, online, offline,
        };
        command.SetAction(async (parse, ct) =>
        {
            var (kind, target) = Target(parse, service, view);
            var bothModes = !parse.GetValue(online) && !parse.GetValue(offline);
            var grant = new GrantDefinition(parse.GetValue(principal)!, kind, target, Pii(parse.GetValue(pii)!),
                bothModes || parse.GetValue(online), bothModes || parse.GetValue(offline));
            await using var store = await FeatureStoreSession.OpenAsync(parse.RepoDir(), ct).ConfigureAwait(false);
            var record = await store.GrantAsync(grant, ct).ConfigureAwait(false);
            var what = $"'{grant.Principal}' may read {GrantTargets.Describe(kind, target)} up to PII {grant.MaxPii.Name()}, {GrantTargets.Modes(grant)}";
            await parse.Out().WriteLineAsync(record is null ? $"unchanged: {what}" : $"granted (revision {record.Revision}): {what}").ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static Command Revoke()
    {
        var principal = PrincipalOption();
        var (service, view) = TargetOptions();
        var command = new Command("revoke", "Remove a principal's grant on a feature service or view") { principal, service, view };
        command.SetAction(async (parse, ct) =>
        {
            var (kind, target) = Target(parse, service, view);
            await using var store = await FeatureStoreSession.OpenAsync(parse.RepoDir(), ct).ConfigureAwait(false);
            var record = await store.RevokeGrantAsync(parse.GetValue(principal)!, kind, target, ct).ConfigureAwait(false);
            await parse.Out().WriteLineAsync(
                $"revoked (revision {record.Revision}): '{parse.GetValue(principal)}' may no longer read {GrantTargets.Describe(kind, target)}").ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static Command Show()
    {
        var principal = new Argument<string>("principal") { Description = "The principal to show" };
        var command = new Command("show", "Show a principal's keys, grants and the features it may read with their PII class") { principal };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await FeatureStoreSession.OpenAsync(parse.RepoDir(), ct).ConfigureAwait(false);
            var overview = await store.ShowAccessAsync(parse.GetValue(principal)!, ct).ConfigureAwait(false);
            await parse.Out().WriteAsync(RenderOverview(overview, DateTimeOffset.UtcNow)).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    internal static string RenderKeys(IReadOnlyList<AccessKeyRecord> keys, bool withPrincipal, DateTimeOffset? now = null)
    {
        var at = now ?? DateTimeOffset.UtcNow;
        IReadOnlyList<string> header = withPrincipal
            ? ["KEY ID", "PRINCIPAL", "CREATED", "EXPIRES", "STATUS"]
            : ["KEY ID", "CREATED", "EXPIRES", "STATUS"];
        return TextTable.Render(header, keys.Select(k => (IReadOnlyList<string>)(withPrincipal
            ? [k.KeyId, k.Principal, Time(k.CreatedAt), k.ExpiresAt is { } e ? Time(e) : "never", AccessKeyStatuses.Of(k, at).Name()]
            : [k.KeyId, Time(k.CreatedAt), k.ExpiresAt is { } x ? Time(x) : "never", AccessKeyStatuses.Of(k, at).Name()])));
    }

    internal static string RenderOverview(AccessOverview overview, DateTimeOffset now)
    {
        var text = new System.Text.StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"principal {overview.Principal}\n\nkeys:\n");
        text.Append(overview.Keys.Count == 0 ? "  none\n" : RenderKeys(overview.Keys, withPrincipal: false, now));
        text.Append("\ngrants:\n");
        if (overview.Grants.Count == 0)
        {
            text.Append("  none\n");
            return text.ToString();
        }

        text.Append(TextTable.Render(
            ["TARGET", "PII UP TO", "ONLINE", "OFFLINE"],
            overview.Grants.Select(g => (IReadOnlyList<string>)
            [
                GrantTargets.Describe(g.Grant.TargetKind, g.Grant.Target) + (g.TargetRegistered ? "" : " (no longer registered)"),
                g.Grant.MaxPii.Name(), YesNo(g.Grant.Online), YesNo(g.Grant.Offline),
            ])));
        text.Append("\nfeatures covered:\n");
        text.Append(TextTable.Render(
            ["FEATURE", "PII", "READABLE", "THROUGH"],
            overview.Grants.SelectMany(g => g.Features.Select(f => (IReadOnlyList<string>)
            [
                f.Reference, f.Pii.Name(),
                f.WithinGrant ? "yes" : $"no (above {g.Grant.MaxPii.Name()})",
                GrantTargets.Describe(g.Grant.TargetKind, g.Grant.Target),
            ]))));
        return text.ToString();
    }

    private static Option<string> PrincipalOption() =>
        new("--principal") { Description = "The principal (a service or person: lowercase letters, digits, . _ - @)", Required = true };

    private static (Option<string?> Service, Option<string?> View) TargetOptions() => (
        new Option<string?>("--feature-service") { Description = "A registered feature service: the features it selects" },
        new Option<string?>("--view") { Description = "A registered feature view: all its features" });

    private static (GrantTargetKind Kind, string Target) Target(ParseResult parse, Option<string?> service, Option<string?> view) =>
        (parse.GetValue(service), parse.GetValue(view)) switch
        {
            ({ Length: > 0 } s, null) => (GrantTargetKind.FeatureService, s),
            (null, { Length: > 0 } v) => (GrantTargetKind.FeatureView, v),
            _ => throw new CliUserException("give either --feature-service NAME or --view NAME (exactly one)"),
        };

    private static PiiClass Pii(string text) => text.Trim().ToLowerInvariant() switch
    {
        "none" => PiiClass.None,
        "personal" => PiiClass.Personal,
        "sensitive" => PiiClass.Sensitive,
        _ => throw new CliUserException($"--pii '{text}' is not a PII class: use none, personal or sensitive"),
    };

    internal static TimeSpan Duration(string option, string text) =>
        DurationParser.TryParse(text, out var value) && value > TimeSpan.Zero
            ? value
            : throw new CliUserException($"{option} '{text}' is not a positive duration: {DurationParser.Help}");

    internal static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string YesNo(bool value) => value ? "yes" : "no";
}
