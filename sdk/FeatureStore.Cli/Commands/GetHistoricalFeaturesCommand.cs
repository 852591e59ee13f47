using System.CommandLine;
using System.Globalization;
using FeatureStore.Offline;
using FeatureStore.Sdk;
using FeatureStore.Sdk.Arrow;
using FeatureStore.Sdk.Offline;

namespace FeatureStore.Cli.Commands;

/// <summary>
/// <c>get-historical-features --spine FILE (--features v:f,... | --feature-service NAME) --output FILE [--format parquet|arrow]</c>:
/// a point-in-time-correct training set from the applied registry, written atomically with its manifest, as Parquet or
/// as an Arrow IPC file (optionally zstd or LZ4 compressed). Personal or sensitive features need the API key in
/// <c>FEATURESTORE_API_KEY</c> (of <c>--principal</c> when given) with offline grants, and <c>--purpose</c>; <c>--mask</c>
/// writes them as keyed hashes (key in <c>FEATURESTORE_MASK_KEY</c>).
/// </summary>
internal static class GetHistoricalFeaturesCommand
{
    public static Command Create()
    {
        var spine = new Option<string>("--spine") { Description = "Labelled events: .parquet or .csv with join keys and a timestamp column", Required = true };
        var features = new Option<string[]>("--features") { Description = "Feature references view:feature (comma separated or repeated; view:* for all)", AllowMultipleArgumentsPerToken = true };
        var service = new Option<string?>("--feature-service") { Description = "Use the features of this feature service" };
        var output = new Option<string>("--output") { Description = "Training set to write (.parquet, or .arrow with --format arrow); OUTPUT.manifest.json is written beside it", Required = true };
        var format = new Option<string>("--format") { Description = "parquet, or arrow (an Arrow IPC file: pyarrow, Polars, pandas read_feather)", DefaultValueFactory = _ => "parquet" };
        format.AcceptOnlyFromAmong("parquet", "arrow");
        var compression = new Option<string?>("--compression") { Description = "Arrow IPC buffer compression: none (default), zstd or lz4 (--format arrow only)" };
        compression.AcceptOnlyFromAmong("none", "zstd", "lz4");
        var fullNames = new Option<bool>("--full-feature-names") { Description = "Name columns view__feature" };
        var asOfCreated = new Option<bool>("--as-of-created") { Description = "As known at t: ignore rows created after the spine timestamp" };
        var statusColumns = new Option<bool>("--status-columns") { Description = "Add <feature>__status: PRESENT, MISSING, OUTSIDE_TTL or NULL_VALUE" };
        var timestamp = new Option<string>("--timestamp-column") { Description = "The spine's timestamp column", DefaultValueFactory = _ => "event_timestamp" };
        var budget = new Option<string>("--memory-budget") { Description = "Join working memory (e.g. 512MB); above it data spills to disk", DefaultValueFactory = _ => "1GB" };
        var principal = new Option<string?>("--principal") { Description = "The principal exporting; the API key in FEATURESTORE_API_KEY must be this principal's" };
        var purpose = new Option<string?>("--purpose") { Description = "Why the training set is exported (required for personal or sensitive features; recorded in the manifest and audit log)" };
        var mask = new Option<bool>("--mask") { Description = "Write personal and sensitive values as keyed hashes (HMAC-SHA256 with FEATURESTORE_MASK_KEY), so they still join" };
        var command = new Command("get-historical-features", "Build a point-in-time-correct training set from the applied registry")
        {
            spine, features, service, output, format, compression, fullNames, asOfCreated, statusColumns, timestamp, budget, principal, purpose, mask,
        };
        command.SetAction(async (parse, ct) =>
        {
            var references = (parse.GetValue(features) ?? [])
                .SelectMany(f => f.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .ToList();
            var serviceName = parse.GetValue(service);
            if (serviceName is not null && references.Count > 0)
            {
                throw new CliUserException("give either feature references or a feature service, not both");
            }

            var arrow = parse.GetValue(format) == "arrow";
            var arrowCompression = Compression(parse.GetValue(compression), arrow);

            var options = new HistoricalFeatureOptions
            {
                FullFeatureNames = parse.GetValue(fullNames),
                AsOfCreated = parse.GetValue(asOfCreated),
                StatusColumns = parse.GetValue(statusColumns),
                MemoryBudgetBytes = MemoryBudget(parse.GetValue(budget) ?? "1GB"),
                Principal = parse.GetValue(principal),
                Purpose = parse.GetValue(purpose),
                Mask = parse.GetValue(mask),
            };
            var started = System.Diagnostics.Stopwatch.StartNew();
            var outputPath = Path.GetFullPath(parse.GetRequiredValue(output));
            await using var store = await FeatureStoreSession.OpenAsync(parse.RepoDir(), ct).ConfigureAwait(false);
            var spineFile = Spine.FromFile(parse.GetRequiredValue(spine), parse.GetValue(timestamp) ?? Spine.DefaultTimestampColumn);
            var job = serviceName is not null
                ? store.GetHistoricalFeaturesForService(spineFile, serviceName, options)
                : store.GetHistoricalFeatures(spineFile, references, options);
            var manifest = arrow
                ? await job.WriteArrowAsync(outputPath, arrowCompression, ct).ConfigureAwait(false)
                : await job.WriteAsync(outputPath, ct).ConfigureAwait(false);
            await parse.Out().WriteAsync(Summary(manifest, outputPath, started.Elapsed)).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    internal static string Summary(TrainingSetManifest manifest, string outputPath, TimeSpan elapsed)
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"wrote {outputPath}: {manifest.OutputRows} rows, {manifest.Features.Count} features in {elapsed.TotalSeconds:F2}s");
        text.AppendLine(CultureInfo.InvariantCulture, $"manifest: {ManifestJson.PathFor(outputPath)}");
        if (manifest.Principal is not null || manifest.Masked)
        {
            var masked = manifest.Features.Where(f => f.Masked).Select(f => f.Column).ToList();
            text.AppendLine(CultureInfo.InvariantCulture, $"exported by {manifest.Principal ?? "(no principal)"} for \"{manifest.Purpose}\"{(masked.Count > 0 ? $"; masked: {string.Join(", ", masked)}" : string.Empty)}");
        }

        text.Append(StatusTable(manifest.StatusCounts));
        return text.ToString();
    }

    internal static string StatusTable(IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> counts)
    {
        string[] statuses = ["PRESENT", "MISSING", "OUTSIDE_TTL", "NULL_VALUE"];
        return TextTable.Render(
            ["FEATURE", .. statuses],
            counts.Select(c => (IReadOnlyList<string>)[c.Key, .. statuses.Select(s => c.Value.TryGetValue(s, out var n) ? n.ToString(CultureInfo.InvariantCulture) : "0")]));
    }

    private static ArrowCompression Compression(string? text, bool arrow) => (text, arrow) switch
    {
        (null or "none", _) => ArrowCompression.None,
        (_, false) => throw new CliUserException($"--compression {text} applies to --format arrow (Parquet output is always snappy-compressed)"),
        ("zstd", true) => ArrowCompression.Zstd,
        _ => ArrowCompression.Lz4Frame,
    };

    private static long MemoryBudget(string text)
    {
        try
        {
            return MemorySize.Parse(text);
        }
        catch (TrainingSetException e)
        {
            throw new CliUserException(e.Message);
        }
    }
}
