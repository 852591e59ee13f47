using System.CommandLine;
using System.Text;
using FeatureStore.Sdk;
using FeatureStore.Sdk.Lineage;

namespace FeatureStore.Cli.Commands;

/// <summary><c>lineage NAME</c>: upstream and downstream of a source, entity, view, service or training-set manifest, with owners, PII and grants.</summary>
internal static class LineageCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "A data source, entity, feature view or feature service name, or a training set's manifest path" };
        var command = new Command("lineage", "Show where an object's data comes from and goes, its PII classes and who holds grants on it") { name };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await FeatureStoreSession.OpenAsync(parse.RepoDir(), ct).ConfigureAwait(false);
            var reports = await store.LineageAsync(parse.GetValue(name)!, ct).ConfigureAwait(false);
            await parse.Out().WriteAsync(string.Join("\n", reports.Select(Render))).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    internal static string Render(LineageReport report)
    {
        var text = new StringBuilder();
        text.Append(Line(report.Subject)).Append('\n');
        Section(text, "upstream", report.Upstream.Select(Line));
        Section(text, "downstream", report.Downstream.Select(Line));
        Section(text, "features", report.Features.Select(f => $"{f.Reference}  {f.Type}  pii {ValueTextOf(f.Pii)}"));
        Section(text, "grants", report.Grants.Select(g =>
            $"{g.Principal}  {g.Target}  pii <= {ValueTextOf(g.MaxPii)}  {Modes(g)}  covers {string.Join(", ", g.CoveredFeatures)}"));
        return text.ToString();
    }

    private static void Section(StringBuilder text, string title, IEnumerable<string> lines)
    {
        var list = lines.ToList();
        text.Append("  ").Append(title).Append(':').Append(list.Count == 0 ? " none\n" : "\n");
        foreach (var line in list)
        {
            text.Append("    ").Append(line).Append('\n');
        }
    }

    private static string Line(LineageNode node) =>
        $"{node.Kind} '{node.Name}'" + (node.Owner is null ? "" : $" (owner {node.Owner})") + (node.Detail.Length == 0 ? "" : $": {node.Detail}");

    private static string Modes(LineageGrant grant) => (grant.Online, grant.Offline) switch
    {
        (true, true) => "online+offline",
        (true, false) => "online",
        _ => "offline",
    };

    private static string ValueTextOf(FeatureStore.Registry.Model.PiiClass pii) => pii.ToString().ToLowerInvariant();
}
